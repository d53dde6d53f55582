"""Which matrix product the int8 export keeps in fp32: the first that projects down."""

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from retrieval.onnx_export import _kept_in_fp32


def _graph(shapes: list[tuple[int, int]]) -> onnx.ModelProto:
    """A chain of MatMuls with weights of these shapes (x @ w0 @ w1 ...)."""
    nodes, weights, current = [], [], "x"
    for i, shape in enumerate(shapes):
        weights.append(numpy_helper.from_array(np.zeros(shape, np.float32), f"w{i}"))
        nodes.append(helper.make_node("MatMul", [current, f"w{i}"], [f"y{i}"], name=f"mm{i}"))
        current = f"y{i}"
    graph = helper.make_graph(
        nodes,
        "chain",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, shapes[0][0]])],
        [helper.make_tensor_value_info(current, TensorProto.FLOAT, [1, shapes[-1][1]])],
        weights,
    )
    return helper.make_model(graph)


def test_the_first_down_projection_is_kept():
    # attention output (square), feed-forward up, feed-forward down, then the next layer's
    model = _graph([(8, 8), (8, 32), (32, 8), (8, 8), (8, 32), (32, 8)])
    assert _kept_in_fp32(model) == ["mm2"]


def test_a_graph_without_one_keeps_nothing():
    assert _kept_in_fp32(_graph([(8, 8), (8, 32)])) == []
