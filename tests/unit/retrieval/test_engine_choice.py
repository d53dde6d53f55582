"""Which engine embeds documents, by the CPU's features and what is installed."""

from retrieval.embeddings import choose_engine


def test_amx_tiles_with_torch_embed_in_bfloat16():
    assert choose_engine({"avx2", "avx512_vnni", "amx_bf16"}, True, True) == "torch-bf16"


def test_without_amx_the_int8_graph_embeds():
    assert choose_engine({"avx2", "avx512_vnni"}, True, True) == "onnx-int8"
    assert choose_engine({"avx2"}, True, True) == "onnx-int8"


def test_amx_without_torch_falls_to_the_int8_graph():
    assert choose_engine({"amx_bf16"}, False, True) == "onnx-int8"


def test_no_int8_graph_leaves_fp32():
    assert choose_engine({"avx2"}, True, False) == "torch-fp32"
    assert choose_engine({"avx2"}, False, False) == "onnx-fp32"
