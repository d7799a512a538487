"""The proto3 JSON oracle for JSONDifferentialTests: Python's google.protobuf.json_format.

Reads JSON lines {"type": "Point", "json": TEXT | "hex": BYTES, "allowUnknownFields": bool}
and answers each with one line: {"pb": HEX, "out": [plain, emitDefaults, protoNames, both]}
(the parsed message's protobuf encoding and its compact JSON under each output option), or
{"reject": MESSAGE} when json_format refuses the input.
"""

import json
import sys

import route_guide_pb2
from google.protobuf import json_format


def render(message, emit_defaults, proto_names):
    tree = json_format.MessageToDict(
        message,
        always_print_fields_with_no_presence=emit_defaults,
        preserving_proto_field_name=proto_names,
    )
    return json.dumps(tree, separators=(",", ":"), ensure_ascii=False)


def answer(case):
    message = getattr(route_guide_pb2, case["type"])()
    text = bytes.fromhex(case["hex"]) if "hex" in case else case["json"]
    try:
        json_format.Parse(
            text, message, ignore_unknown_fields=case.get("allowUnknownFields", False)
        )
    except Exception as error:  # json_format raises more than ParseError (e.g. Unicode errors)
        return {"reject": "%s: %s" % (type(error).__name__, error)}
    outputs = [render(message, e, p) for (e, p) in ((0, 0), (1, 0), (0, 1), (1, 1))]
    return {"pb": message.SerializeToString().hex(), "out": outputs}


def main():
    for line in sys.stdin:
        if line.strip():
            print(json.dumps(answer(json.loads(line)), ensure_ascii=False), flush=False)


if __name__ == "__main__":
    main()
