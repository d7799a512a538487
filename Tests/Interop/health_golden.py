#!/usr/bin/env python3
"""Golden cases for the grpc.health.v1 messages, made by Python's protobuf runtime (never by rg).

Prints one JSON object per line: {"type", "hex", "json"}: the message serialized by Python's
protobuf (`hex`) and printed by its json_format (`json`, compact, defaults included).
Needs grpcio-health-checking (grpc_health.v1.health_pb2).
"""
import json

from google.protobuf import json_format
from grpc_health.v1 import health_pb2 as pb


def emit(message):
    text = json_format.MessageToJson(
        message, indent=None, always_print_fields_with_no_presence=True)
    print(json.dumps({"type": type(message).__name__, "hex": message.SerializeToString().hex(),
                      "json": json.loads(text)}))


for service in ["", "routeguide.RouteGuide", "grpc.health.v1.Health", "ü"]:
    emit(pb.HealthCheckRequest(service=service))
for status in [0, 1, 2, 3, 7]:
    emit(pb.HealthCheckResponse(status=status))
