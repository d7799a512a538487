#!/usr/bin/env python3
"""Golden reflection messages for rg's tests, serialized by Python's protobuf runtime (never rg).

Prints one JSON object per line: {"name": CASE, "hex": BYTES}. ReflectionMessagesTests builds
the same message for each CASE, encodes it byte for byte and decodes these bytes back to it.
"""
import json

from grpc_reflection.v1alpha import reflection_pb2 as pb

Request = pb.ServerReflectionRequest
SYMBOL = Request(file_containing_symbol="routeguide.Point")

CASES = {
    "listServices": Request(list_services=""),
    "fileByFilename": Request(host="h", file_by_filename="route_guide.proto"),
    "fileContainingSymbol": SYMBOL,
    "fileContainingExtension": Request(file_containing_extension=pb.ExtensionRequest(
        containing_type="routeguide.Point", extension_number=7)),
    "allExtensionNumbersOfType": Request(all_extension_numbers_of_type="routeguide.Point"),
    "fileDescriptors": pb.ServerReflectionResponse(
        valid_host="h", original_request=SYMBOL,
        file_descriptor_response=pb.FileDescriptorResponse(
            file_descriptor_proto=[b"\x01\x02", b""])),
    "services": pb.ServerReflectionResponse(list_services_response=pb.ListServiceResponse(
        service=[pb.ServiceResponse(name="routeguide.RouteGuide"),
                 pb.ServiceResponse(name="grpc.health.v1.Health")])),
    "error": pb.ServerReflectionResponse(
        error_response=pb.ErrorResponse(error_code=5, error_message="not found")),
    "extensionNumbers": pb.ServerReflectionResponse(
        all_extension_numbers_response=pb.ExtensionNumberResponse(
            base_type_name="routeguide.Point", extension_number=[1, 300, -1])),
}

for name, message in CASES.items():
    print(json.dumps({"name": name, "hex": message.SerializeToString().hex()}))
