#!/usr/bin/env python3
"""grpcio-reflection's client against a server, for rg serve's reflection tests.

    python reflection_client.py ADDRESS v1|v1alpha

grpcio-reflection's ProtoReflectionDescriptorDatabase (one stream per question) fills a
DescriptorPool; for v1 its stub is pointed at grpc.reflection.v1 (the messages are the same).
Prints one JSON line per finding:
  {"services": [...]}                      list_services
  {"service": NAME, "methods": [...]}      routeguide.RouteGuide as the pool resolved it
  {"message": NAME, "fields": [...]}       routeguide.Point, routeguide.Feature
  {"enum": NAME, "values": [...]}          grpc.health.v1.HealthCheckResponse.ServingStatus
  {"missing": "nope.Nope"}                 a symbol the server does not know
  {"call": NAME}                           GetFeature made with message classes built from
                                           reflection alone
  {"stream": [[KIND, CODE], ...]}          six questions on one stream: the answers' kinds and
                                           error codes, in order
"""

import json
import sys

import grpc
from google.protobuf import descriptor_pool, message_factory
from grpc_reflection.v1alpha import reflection_pb2
from grpc_reflection.v1alpha.proto_reflection_descriptor_database import (
    ProtoReflectionDescriptorDatabase)

PATHS = {
    "v1": "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
    "v1alpha": "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
}


def emit(**finding):
    print(json.dumps(finding), flush=True)


def main():
    address, version = sys.argv[1], sys.argv[2]
    channel = grpc.insecure_channel(address)
    info = channel.stream_stream(
        PATHS[version], request_serializer=reflection_pb2.ServerReflectionRequest.SerializeToString,
        response_deserializer=reflection_pb2.ServerReflectionResponse.FromString)
    database = ProtoReflectionDescriptorDatabase(channel)
    database._stub.ServerReflectionInfo = info  # the same messages on the version's path
    pool = descriptor_pool.DescriptorPool(database)
    emit(services=sorted(database.get_services()))
    service = pool.FindServiceByName("routeguide.RouteGuide")
    emit(service=service.full_name, methods=[
        {"name": m.name, "input": m.input_type.full_name, "output": m.output_type.full_name,
         "client_streaming": m.client_streaming, "server_streaming": m.server_streaming}
        for m in service.methods])
    for name in ("routeguide.Point", "routeguide.Feature"):
        message = pool.FindMessageTypeByName(name)
        emit(message=name, fields=[[f.name, f.number, f.type] for f in message.fields])
    status = pool.FindEnumTypeByName("grpc.health.v1.HealthCheckResponse.ServingStatus")
    emit(enum=status.full_name, values=[[v.name, v.number] for v in status.values])
    try:
        pool.FindMessageTypeByName("nope.Nope")
    except KeyError:
        emit(missing="nope.Nope")
    point_class = message_factory.GetMessageClass(pool.FindMessageTypeByName("routeguide.Point"))
    feature_class = message_factory.GetMessageClass(pool.FindMessageTypeByName("routeguide.Feature"))
    get = channel.unary_unary("/routeguide.RouteGuide/GetFeature",
                              request_serializer=point_class.SerializeToString,
                              response_deserializer=feature_class.FromString)
    emit(call=get(point_class(latitude=409146138, longitude=-746188906), timeout=10).name)
    Request = reflection_pb2.ServerReflectionRequest
    questions = [
        Request(list_services=""), Request(file_by_filename="route_guide.proto"),
        Request(file_containing_symbol="nope.Nope"),
        Request(file_containing_extension=reflection_pb2.ExtensionRequest(
            containing_type="routeguide.Point", extension_number=100)),
        Request(all_extension_numbers_of_type="routeguide.Point"), Request()]
    answers = info(iter(questions), timeout=10)
    emit(stream=[[answer.WhichOneof("message_response"), answer.error_response.error_code]
                 for answer in answers])


if __name__ == "__main__":
    main()
