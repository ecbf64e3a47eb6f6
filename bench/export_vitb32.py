"""Exports the random ViT-B/32 image tower (vit_b32.py) as a model package Facet loads.

usage: python3 export_vitb32.py OUT_DIR [--text-from MODEL_DIR] [--text-size tiny|vitb32] [--fixed-context]

  OUT_DIR/weights.pt                           the state_dict the reference pipeline loads
  OUT_DIR/vit-b32-random/config.json           open_clip-style config (embed_dim 512, vision_cfg, text_cfg)
  OUT_DIR/vit-b32-random/visual/model.onnx     image float32 [N,3,224,224] -> embedding [N,512], L2-normalised
  OUT_DIR/vit-b32-random/visual/preprocess_cfg.json
  OUT_DIR/vit-b32-random/textual/...           with --text-from: a tiny random text tower (int32 [N,77] ->
                                               [N,512]) and that model's tokenizer files: Facet's loader
                                               requires textual/model.onnx and textual/tokenizer.json;
                                               --text-size vitb32: OpenCLIP's ViT-B-32 text tower instead
                                               (12 layers, width 512, causal), random weights,
                                               taking any sequence length [N,L] up to 77, or with
                                               --fixed-context exactly [N,77] (as most exports do)
"""
from __future__ import annotations

import argparse
import json
import os
import shutil

import torch
import torch.nn.functional as F
from torch import nn

from vit_b32 import CONFIG, TEXT_CFG_VITB32, build, build_text

OPSET = 17
PREPROCESS = {"size": [224, 224], "mode": "RGB", "mean": [0.48145466, 0.4578275, 0.40821073],
              "std": [0.26862954, 0.26130258, 0.27577711], "interpolation": "bicubic", "resize_mode": "shortest",
              "fill_color": 0}


class TinyText(nn.Module):
    """Token embedding, features at the end-of-text token (argmax id), projection: only the contract matters."""

    def __init__(self, vocab: int, width: int, out: int):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab, width)
        self.ln = nn.LayerNorm(width)
        self.proj = nn.Linear(width, out, bias=False)

    def forward(self, text):
        x = self.ln(self.token_embedding(text))
        x = x[torch.arange(x.shape[0]), text.argmax(dim=-1)]
        return F.normalize(self.proj(x), dim=-1)


def export(out: str, text_from: str | None, text_size: str = "tiny", fixed_context: bool = False) -> None:
    pkg = os.path.join(out, "vit-b32-random")
    os.makedirs(os.path.join(pkg, "visual"), exist_ok=True)
    model = build()
    torch.save(model.state_dict(), os.path.join(out, "weights.pt"))
    size = CONFIG["vision_cfg"]["image_size"]
    # Traced with autograd on: under no_grad PyTorch 1.13 swaps in its fused attention kernel,
    # which has no ONNX export.
    with torch.enable_grad():
        torch.onnx.export(model, (torch.randn(2, 3, size, size),), os.path.join(pkg, "visual", "model.onnx"),
                          input_names=["image"], output_names=["embedding"], opset_version=OPSET,
                          dynamic_axes={"image": {0: "batch_size"}, "embedding": {0: "batch_size"}},
                          do_constant_folding=True)
    with open(os.path.join(pkg, "visual", "preprocess_cfg.json"), "w") as f:
        json.dump(PREPROCESS, f)
    with open(os.path.join(pkg, "config.json"), "w") as f:
        text_cfg = TEXT_CFG_VITB32 if text_size == "vitb32" else CONFIG["text_cfg"]
        json.dump({**CONFIG, "text_cfg": text_cfg, "logit_scale": 100.0}, f)
    if text_from:
        os.makedirs(os.path.join(pkg, "textual"), exist_ok=True)
        t = CONFIG["text_cfg"]
        text = build_text() if text_size == "vitb32" else TinyText(t["vocab_size"], t["width"],
                                                                   CONFIG["embed_dim"]).eval()
        with torch.enable_grad() if text_size == "vitb32" else torch.no_grad():
            torch.onnx.export(text, (torch.ones(2, t["context_length"], dtype=torch.int32),),
                              os.path.join(pkg, "textual", "model.onnx"), input_names=["text"],
                              output_names=["embedding"], opset_version=OPSET,
                              dynamic_axes={"text": {0: "batch_size"} if fixed_context or text_size != "vitb32"
                                            else {0: "batch_size", 1: "sequence"},
                                            "embedding": {0: "batch_size"}})
        src = os.path.join(text_from, "textual")
        for name in os.listdir(src):
            if name != "model.onnx":
                shutil.copy(os.path.join(src, name), os.path.join(pkg, "textual", name))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--text-from")
    ap.add_argument("--text-size", choices=["tiny", "vitb32"], default="tiny")
    ap.add_argument("--fixed-context", action="store_true")
    args = ap.parse_args()
    torch.set_num_threads(os.cpu_count() or 1)
    export(args.out, args.text_from, args.text_size, args.fixed_context)
    print(os.path.join(args.out, "vit-b32-random"))


if __name__ == "__main__":
    main()
