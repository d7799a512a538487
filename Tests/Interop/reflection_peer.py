#!/usr/bin/env python3
"""A grpcio server with a hand-made reflection service, scripted to answer well or badly, for
rg describe's tests.

    python reflection_peer.py [--host H] [--port P] [--versions v1,v1alpha]
        [--scenario NAME] [--mutate CHANGE]...

It prints `listening on HOST:PORT` on stderr once serving and exits on SIGTERM or SIGINT.
ServerReflectionInfo is served on the paths --versions names (default both), as raw bytes, so
an answer can be anything. Answers describe route_guide.proto as grpcio registers it, with the
--mutate changes applied:
  int64-latitude        routeguide.Point.latitude is an int64
  no-longitude          routeguide.Point has no field 2
  repeated-location     routeguide.Feature.location is repeated
  chat-client-streaming RouteChat streams requests only
  get-takes-rectangle   GetFeature takes a routeguide.Rectangle

Scenarios (how each question is answered):
  ok               as a real server does: each file with its imports (the default)
  split            the messages live in routeguide/messages.proto, which route_guide.proto
                   imports; a symbol's answer holds only the file that defines it, so the
                   client must ask for the import by name
  other-answer     every answer echoes another question (file_by_filename "other.proto")
  wrong-kind       list_services and file questions get the other kind of answer
  bad-descriptor   files are bytes that are no FileDescriptorProto
  cycle            a.proto defines everything and imports b.proto, which imports a.proto
  huge-list        one answer with 200,000 files
  many-files       one answer with 5,000 small files, each importing the next
  deep-nesting     a message nested 50,000 deep
  extra-answer     every question is answered twice
  ends-early       the stream ends OK without an answer
  error-ok         every question gets an error_response whose code is OK (0)
  hostile-names    list_services also names a service with a newline and terminal escapes
  silent           reads every question, answers none
"""

import argparse
import signal
import sys
import threading
from concurrent import futures

import grpc
from google.protobuf import descriptor_pb2
from grpc_reflection.v1alpha import reflection_pb2

import route_guide_pb2

PATHS = {
    "v1": "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo",
    "v1alpha": "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
}
SERVICES = ["routeguide.RouteGuide"]
# A forged second line, a window-title escape and a C1 control sequence introducer.
HOSTILE_NAMES = ["evil\nrouteguide.Forged", "title\x1b]0;pwned\x07", "csi\u009b2J"]


def route_guide(mutations):
    proto = descriptor_pb2.FileDescriptorProto.FromString(route_guide_pb2.DESCRIPTOR.serialized_pb)
    messages = {message.name: message for message in proto.message_type}
    methods = {method.name: method for method in proto.service[0].method}
    for change in mutations:
        if change == "int64-latitude":
            messages["Point"].field[0].type = descriptor_pb2.FieldDescriptorProto.TYPE_INT64
        elif change == "no-longitude":
            del messages["Point"].field[1]
        elif change == "repeated-location":
            messages["Feature"].field[1].label = descriptor_pb2.FieldDescriptorProto.LABEL_REPEATED
        elif change == "chat-client-streaming":
            methods["RouteChat"].server_streaming = False
        elif change == "get-takes-rectangle":
            methods["GetFeature"].input_type = ".routeguide.Rectangle"
        else:
            sys.exit(f"reflection_peer.py: unknown --mutate {change}")
    return proto


def split(proto):
    """route_guide.proto with its messages moved to routeguide/messages.proto."""
    messages = descriptor_pb2.FileDescriptorProto(
        name="routeguide/messages.proto", package=proto.package, syntax=proto.syntax)
    messages.message_type.extend(proto.message_type)
    service = descriptor_pb2.FileDescriptorProto()
    service.CopyFrom(proto)
    del service.message_type[:]
    service.dependency.append(messages.name)
    return [service, messages]


def file_answers(files):
    """name -> the serialized file and its imports; symbol -> file name."""
    by_name = {file.name: file for file in files}
    symbols = {}
    for file in files:
        for message in file.message_type:
            symbols[f"{file.package}.{message.name}"] = file.name
        for service in file.service:
            symbols[f"{file.package}.{service.name}"] = file.name
            for method in service.method:
                symbols[f"{file.package}.{service.name}.{method.name}"] = file.name

    def closure(name, seen):
        if name in seen or name not in by_name:
            return []
        seen.add(name)
        result = [by_name[name].SerializeToString()]
        for dependency in by_name[name].dependency:
            result += closure(dependency, seen)
        return result
    return by_name, symbols, closure


def varint(value):
    out = bytearray()
    while value >= 0x80:
        out.append(value & 0x7F | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def deeply_nested_file(depth):
    """A FileDescriptorProto whose one message nests `depth` levels (built outside in: protobuf's
    own encoder refuses the depth)."""
    leaf = b"\x0a\x01m"
    lengths = [len(leaf)]
    for _ in range(depth):
        inner = lengths[-1]
        lengths.append(3 + 1 + len(varint(inner)) + inner)
    parts = []
    for level in range(depth, 0, -1):
        parts.append(b"\x0a\x01m\x1a" + varint(lengths[level - 1]))
    message = b"".join(parts) + leaf
    return (b"\x0a\x0adeep.proto\x12\x0arouteguide" + b"\x22" + varint(len(message)) + message)


class Answers:
    def __init__(self, scenario, files):
        self.scenario = scenario
        self.by_name, self.symbols, self.closure = file_answers(files)

    def respond(self, request):
        """The responses (messages) to one request."""
        scenario = self.scenario
        if scenario == "silent":
            return []
        if scenario == "ends-early":
            raise StopIteration
        response = reflection_pb2.ServerReflectionResponse(original_request=request)
        which = request.WhichOneof("message_request")
        if scenario == "other-answer":
            response.original_request.file_by_filename = "other.proto"
        if scenario == "error-ok":
            response.error_response.error_code = 0
            response.error_response.error_message = "x"
        elif scenario == "wrong-kind":
            if which == "list_services":
                response.file_descriptor_response.file_descriptor_proto.extend(
                    self.closure("route_guide.proto", set()))
            else:
                response.list_services_response.service.add(name=SERVICES[0])
        elif which == "list_services":
            names = SERVICES + (HOSTILE_NAMES if scenario == "hostile-names" else [])
            response.list_services_response.service.extend(
                reflection_pb2.ServiceResponse(name=name) for name in names)
        elif which in ("file_containing_symbol", "file_by_filename"):
            files = self.files_for(request, which)
            if files is None:
                response.error_response.error_code = grpc.StatusCode.NOT_FOUND.value[0]
                response.error_response.error_message = "not found"
            else:
                response.file_descriptor_response.file_descriptor_proto.extend(files)
        else:
            response.error_response.error_code = grpc.StatusCode.NOT_FOUND.value[0]
        count = 2 if scenario == "extra-answer" else 1
        return [response.SerializeToString()] * count

    def files_for(self, request, which):
        scenario = self.scenario
        if scenario == "bad-descriptor":
            return [b"\x0a\xff\xff"]
        if scenario == "huge-list":
            return [b"\x0a\x01x"] * 200_000
        if scenario == "many-files":
            return [descriptor_pb2.FileDescriptorProto(
                name=f"f{index}.proto", dependency=[f"f{index + 1}.proto"]).SerializeToString()
                for index in range(5_000)]
        if scenario == "deep-nesting":
            return [deeply_nested_file(50_000)]
        if which == "file_by_filename":
            name = request.file_by_filename
        else:
            name = self.symbols.get(request.file_containing_symbol)
        if name is None or name not in self.by_name:
            return None
        if scenario == "split" and which == "file_containing_symbol":
            return [self.by_name[name].SerializeToString()]
        return self.closure(name, set())


def cycle_files(proto):
    first = descriptor_pb2.FileDescriptorProto()
    first.CopyFrom(proto)
    first.name = "a.proto"
    first.dependency.append("b.proto")
    second = descriptor_pb2.FileDescriptorProto(name="b.proto", dependency=["a.proto"])
    return [first, second]


def make_handler(answers):
    def info(request_iterator, context):
        for raw in request_iterator:
            request = reflection_pb2.ServerReflectionRequest.FromString(raw)
            try:
                responses = answers.respond(request)
            except StopIteration:
                return
            yield from responses
    return grpc.stream_stream_rpc_method_handler(info)


class ReflectionHandler(grpc.GenericRpcHandler):
    def __init__(self, paths, handler):
        self.paths = paths
        self.handler = handler

    def service(self, handler_call_details):
        return self.handler if handler_call_details.method in self.paths else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--versions", default="v1,v1alpha")
    parser.add_argument("--scenario", default="ok")
    parser.add_argument("--mutate", action="append", default=[])
    args = parser.parse_args()
    proto = route_guide(args.mutate)
    if args.scenario == "split":
        files = split(proto)
    elif args.scenario == "cycle":
        files = cycle_files(proto)
    else:
        files = [proto]
    paths = {PATHS[version] for version in args.versions.split(",") if version}
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=8),
                         options=[("grpc.max_send_message_length", 64 << 20)])
    server.add_generic_rpc_handlers([ReflectionHandler(paths, make_handler(Answers(args.scenario, files)))])
    port = server.add_insecure_port(f"{args.host}:{args.port}")
    stopped = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopped.set())
    signal.signal(signal.SIGINT, lambda *_: stopped.set())
    server.start()
    sys.stderr.write(f"listening on {args.host}:{port}\n")
    sys.stderr.flush()
    while not stopped.wait(0.2):
        pass
    server.stop(grace=0.5).wait()


if __name__ == "__main__":
    main()
