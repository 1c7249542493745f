"""The int8 graph tried for the cold build: MiniLM's products in int8, each token on its own.

The installed model keeps its weights as int8 with a scale per column, and onnxruntime turns
them into float32 when it loads the graph, so every product is a float32 one. `rewrite` makes
each product by such weights an integer product (`MatMulInteger`) of the same int8 weights and
the activations quantized to 8 bits with a scale per token (its largest magnitude / 127, zero
point 128), then scaled back: a token's vector depends on that token alone, so a text gets the
same vector alone or in any batch. It reads and writes ONNX's protobuf through a hand-declared
subset of its schema (`protobuf` comes with onnxruntime): neither the `onnx` package nor a
second model file is needed.

It costs about 40% less processor time per text but moves vectors by about 0.0025 in cosine,
which costs ATT&CK, Awesome and the small maps more than .005 R@3 and turns one of the four
ideas of tests/fit/test_unseen.py to the wrong goal; sparing the products that narrow (the
feed-forward's way back, 1536 -> 384) keeps a quarter off and still turns that idea. So
`backmap fit` keeps the float32 graph (docs/fit.md, "Speed"). Run:

    python benchmarks/fit_int8.py [--spare-narrow] [--texts N]      # time and agreement
    python benchmarks/fit_int8.py [--spare-narrow] --quality [fit_quality options]
"""

from __future__ import annotations

import struct
from pathlib import Path
from typing import Any

VERSION = 1
"""Changes with the rewrite, so vectors and graph files of another version are not reused."""
FLOAT, UINT8, INT8, INT64 = 1, 2, 3, 7
"""ONNX's TensorProto data types used here."""
_INT, _INTS = 2, 7
"""ONNX's AttributeProto types used here."""


def rewrite(model: bytes, spare_narrow: bool = False) -> bytes | None:
    """The graph with every product by int8 weights done in int8 (but those with more rows
    than columns when `spare_narrow`); None when it has none, or protobuf is missing."""
    try:
        classes = _schema()
    except ImportError:
        return None
    parsed = classes["ModelProto"].FromString(model)
    node_class = classes["NodeProto"]
    graph = parsed.graph
    opset = max((o.version for o in parsed.opset_import if o.domain in ("", "ai.onnx")), default=0)
    tensors = {t.name: t for t in graph.initializer}
    made = {out: node for node in graph.node for out in node.output}
    uses: dict[str, int] = {}
    for node in graph.node:
        for name in node.input:
            uses[name] = uses.get(name, 0) + 1

    nodes: list[Any] = []
    dead: set[str] = set()
    quantized: dict[str, tuple[str, str]] = {}  # activation -> (its int8 form, its scales)
    count = 0
    for node in graph.node:
        weights = _int8_weights(node, made, tensors, uses)
        if weights is not None and spare_narrow:
            rows, columns = tensors[weights[0]].dims
            weights = None if rows > columns else weights
        if weights is None:
            nodes.append(node)
            continue
        quantity, scale, cast, mul = weights
        activation = node.input[0]
        if activation not in quantized:  # Q, K and V share one quantized input
            quantized[activation] = (f"int8_{count}_q", f"int8_{count}_s")
            nodes += _quantize(node_class, activation, *quantized[activation], opset)
        q, s = quantized[activation]
        y = f"int8_{count}_y"
        nodes += [
            _node(node_class, "MatMulInteger", [q, quantity, "int8_zero_point"], [f"{y}i"]),
            _node(node_class, "Cast", [f"{y}i"], [f"{y}f"], to=FLOAT),
            _node(node_class, "Mul", [f"{y}f", s], [f"{y}s"]),
            _node(node_class, "Mul", [f"{y}s", scale], list(node.output)),
        ]
        dead.update((cast, mul))
        count += 1
    if not count:
        return None
    kept = [_copy(n) for n in nodes if not dead.intersection(n.output)]
    del graph.node[:]
    graph.node.extend(kept)
    graph.initializer.add(name="int8_zero_point", data_type=UINT8, raw_data=b"\x80")
    for name, value in (("int8_128", 128.0), ("int8_step", 1 / 127), ("int8_tiny", 1e-12)):
        graph.initializer.add(name=name, data_type=FLOAT, raw_data=struct.pack("<f", value))
    if opset >= 18:
        graph.initializer.add(
            name="int8_last_axis", data_type=INT64, dims=[1], raw_data=struct.pack("<q", -1)
        )
    return bytes(parsed.SerializeToString())


def _int8_weights(
    node: Any, made: dict[str, Any], tensors: dict[str, Any], uses: dict[str, int]
) -> tuple[str, str, str, str] | None:
    """(int8 weights, column scales, the Cast's output, the Mul's output) when `node` is a
    float MatMul by Mul(Cast(int8 weights), scales) that nothing else reads; else None."""
    if node.op_type != "MatMul" or node.domain not in ("", "ai.onnx") or len(node.input) != 2:
        return None
    mul = made.get(node.input[1])
    if mul is None or mul.op_type != "Mul" or uses.get(node.input[1]) != 1:
        return None
    cast = made.get(mul.input[0])
    if cast is None or cast.op_type != "Cast" or uses.get(mul.input[0]) != 1:
        return None
    weights, scale = tensors.get(cast.input[0]), tensors.get(mul.input[1])
    if weights is None or scale is None or weights.data_type != INT8 or len(weights.dims) != 2:
        return None
    columns = weights.dims[1]
    if scale.data_type != FLOAT or list(scale.dims) not in ([1, columns], [columns]):
        return None
    return weights.name, scale.name, cast.output[0], mul.output[0]


def _quantize(node_class: Any, x: str, q: str, s: str, opset: int) -> list[Any]:
    """Nodes giving `q`, `x` as uint8 with zero point 128, and `s`, each token's scale."""
    if opset >= 18:  # ReduceMax takes its axes as an input from opset 18 on
        reduce = _node(node_class, "ReduceMax", [f"{q}a", "int8_last_axis"], [f"{q}m"], keepdims=1)
    else:
        reduce = _node(node_class, "ReduceMax", [f"{q}a"], [f"{q}m"], axes=[-1], keepdims=1)
    return [
        _node(node_class, "Abs", [x], [f"{q}a"]),
        reduce,
        _node(node_class, "Mul", [f"{q}m", "int8_step"], [f"{q}s0"]),
        _node(node_class, "Max", [f"{q}s0", "int8_tiny"], [s]),  # an all-zero token: no 0 / 0
        _node(node_class, "Div", [x, s], [f"{q}d"]),
        _node(node_class, "Round", [f"{q}d"], [f"{q}r"]),
        _node(node_class, "Add", [f"{q}r", "int8_128"], [f"{q}u"]),
        _node(node_class, "Cast", [f"{q}u"], [q], to=UINT8),
    ]


def _node(node_class: Any, op: str, inputs: list[str], outputs: list[str], **attrs: Any) -> Any:
    """A new NodeProto named after its first output; list attributes are INTS, others INT."""
    node = node_class(op_type=op, input=inputs, output=outputs, name=outputs[0])
    for name, value in attrs.items():
        if isinstance(value, list):
            node.attribute.add(name=name, type=_INTS, ints=value)
        else:
            node.attribute.add(name=name, type=_INT, i=value)
    return node


def _copy(node: Any) -> Any:
    """A detached copy: the graph's node list is emptied before it is refilled."""
    copy = type(node)()
    copy.CopyFrom(node)
    return copy


def _schema() -> dict[str, Any]:
    """ONNX's messages as far as the rewrite needs it: the fields read or written here, declared
    with ONNX's field numbers (onnx/onnx.proto); every other field passes through unchanged."""
    from google.protobuf import descriptor_pb2, descriptor_pool, message_factory

    field = descriptor_pb2.FieldDescriptorProto
    schema = descriptor_pb2.FileDescriptorProto(
        name="backmap_onnx_subset.proto", package="backmap_onnx", syntax="proto2"
    )
    kinds = {
        "string": field.TYPE_STRING,
        "int64": field.TYPE_INT64,
        "int32": field.TYPE_INT32,
        "float": field.TYPE_FLOAT,
        "bytes": field.TYPE_BYTES,
    }
    messages = {
        "OperatorSetIdProto": [(1, "domain", "string", 0), (2, "version", "int64", 0)],
        "AttributeProto": [
            (1, "name", "string", 0),
            (2, "f", "float", 0),
            (3, "i", "int64", 0),
            (8, "ints", "int64", 1),
            (20, "type", "int32", 0),
        ],
        "TensorProto": [
            (1, "dims", "int64", 1),
            (2, "data_type", "int32", 0),
            (8, "name", "string", 0),
            (9, "raw_data", "bytes", 0),
        ],
        "NodeProto": [
            (1, "input", "string", 1),
            (2, "output", "string", 1),
            (3, "name", "string", 0),
            (4, "op_type", "string", 0),
            (5, "attribute", "AttributeProto", 1),
            (7, "domain", "string", 0),
        ],
        "GraphProto": [(1, "node", "NodeProto", 1), (5, "initializer", "TensorProto", 1)],
        "ModelProto": [(7, "graph", "GraphProto", 0), (8, "opset_import", "OperatorSetIdProto", 1)],
    }
    for name, fields in messages.items():
        message = schema.message_type.add(name=name)
        for number, field_name, kind, repeated in fields:
            entry = message.field.add(
                name=field_name,
                number=number,
                label=field.LABEL_REPEATED if repeated else field.LABEL_OPTIONAL,
            )
            if kind in kinds:
                entry.type = kinds[kind]
            else:
                entry.type = field.TYPE_MESSAGE
                entry.type_name = f".backmap_onnx.{kind}"
    pool = descriptor_pool.DescriptorPool()
    pool.Add(schema)
    return {
        name: message_factory.GetMessageClass(pool.FindMessageTypeByName(f"backmap_onnx.{name}"))
        for name in messages
    }


def int8_encoder(spare_narrow: bool, cache: bool, threads: int | None = None) -> Any:
    """MiniLM running the int8 graph (written to a temporary file), its vectors cached apart
    from the float graph's."""
    import tempfile

    from backmap.fit.minilm import TOKENIZER, MiniLMEncoder, minilm_encoder

    plain = minilm_encoder(cache=False)
    if plain is None:
        raise SystemExit("MiniLM is not installed here")
    graph = rewrite(plain.model_path.read_bytes(), spare_narrow)
    if graph is None:
        raise SystemExit("the installed model has no int8 products to rewrite")
    path = Path(tempfile.mkdtemp(prefix="backmap-int8-")) / "model.onnx"
    path.write_bytes(graph)
    encoder = MiniLMEncoder(path, TOKENIZER, cache=cache, threads=threads)
    encoder.model_id = f"minilm-int8-tokens-v{VERSION}{'-spare' if spare_narrow else ''}"
    return encoder


def agreement(spare_narrow: bool, count: int) -> None:
    """Processor time per text of both graphs on one thread (in turn, twice), and how far
    their vectors are apart; then one text alone against the same text in its batch."""
    import time

    import numpy as np

    from backmap.fit.minilm import minilm_encoder
    from fit_speed import items

    texts = [i.text for i in items(count)]
    graphs = {"float32": minilm_encoder(cache=False, threads=1)}
    graphs["int8"] = int8_encoder(spare_narrow, cache=False, threads=1)
    times: dict[str, list[float]] = {name: [] for name in graphs}
    vectors: dict[str, Any] = {}
    for _ in range(2):
        for name, encoder in graphs.items():
            encoder._run(texts[:32])  # the session is loaded and warm
            start = time.process_time()
            vectors[name] = encoder._run(texts)
            times[name].append((time.process_time() - start) / len(texts) * 1000)
    cosine = (vectors["float32"] * vectors["int8"]).sum(axis=1)
    print(f"{len(texts)} generated texts, one thread")
    print("| graph | processor ms per text (min of 2) |")
    print("|---|---:|")
    for name, found in times.items():
        print(f"| {name} | {min(found):.3f} |")
    print(
        f"cosine int8 vs float32: mean {cosine.mean():.5f}, 1st percentile "
        f"{np.quantile(cosine, 0.01):.5f}, min {cosine.min():.5f}"
    )
    alone = graphs["int8"]._run([texts[3]])[0]
    apart = abs(alone - vectors["int8"][3]).max()
    print(f"int8, one text alone vs in its batch: max difference {apart:.1e}")


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--spare-narrow", action="store_true", help="keep 1536 -> 384 in float")
    parser.add_argument("--texts", type=int, default=1500)
    parser.add_argument("--quality", action="store_true", help="run fit_quality on the graph")
    args, rest = parser.parse_known_args(argv)
    if not args.quality:
        agreement(args.spare_narrow, args.texts)
        return 0
    import backmap.fit.embed
    import fit_quality

    encoder = int8_encoder(args.spare_narrow, cache=True)
    backmap.fit.embed.encoder_named.cache_clear()
    backmap.fit.embed.minilm_encoder = lambda threads=None: encoder  # type: ignore[assignment]
    return fit_quality.main(rest)


if __name__ == "__main__":
    raise SystemExit(main())
