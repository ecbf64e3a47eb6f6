#!/usr/bin/env python3
"""Exports an OpenCLIP model to the package layout Facet loads (the layout Immich publishes).

usage:
  python3 scripts/export-openclip.py --model convnext_xxlarge --pretrained laion2b_s34b_b82k_augreg_soup \
      --out convnext_xxlarge__laion2b_s34b_b82k_augreg_soup
  python3 scripts/export-openclip.py --self-test --out /tmp/tiny-openclip   # a tiny open_clip-like model

then:  facet models import convnext_xxlarge__laion2b_s34b_b82k_augreg_soup

Writes
  OUT/config.json                  open_clip's model config + "logit_scale" (already exp'd) and,
                                   for SigLIP models, the learnt "logit_bias"
  OUT/visual/model.onnx            input "image" float32 [batch_size,3,S,S] -> "embedding" [batch_size,D], L2-normalised
  OUT/visual/model.onnx_data       its weights (ONNX external data: towers over 2 GB cannot live in one protobuf)
  OUT/visual/preprocess_cfg.json   size, mode, mean, std, interpolation, resize_mode, fill_color
  OUT/textual/model.onnx (+ _data) input "text" int32 [batch_size,context_length] -> "embedding" [batch_size,D]
  OUT/textual/tokenizer.json       Hugging Face tokenizers file (+ tokenizer_config.json, special_tokens_map.json)

Needs torch, onnx and open_clip_torch (pip install open_clip_torch onnx), the pretrained weights
(open_clip downloads them from Hugging Face on first use: about 4.7 GB for ConvNeXt-XXLarge) and
about 3x the weights in memory. The batch axis is dynamic, unlike Immich's current exports, so
Facet can embed many photos per run. Tokenizer: models on OpenAI's CLIP BPE (ConvNeXt-XXLarge,
ViT-*, ...) get the CLIP tokenizer files copied from --tokenizer-from (default: the demo model's,
which are openai/clip-vit-base-patch32's); models naming text_cfg.hf_tokenizer_name need
transformers to save that tokenizer.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile

import torch
import torch.nn.functional as F
from torch import nn

OPSET = 17
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_TOKENIZER = os.path.join(REPO, "assets", "models", "tiny-clip-shapes", "textual")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.json", "merges.txt")
OPENAI_MEAN = (0.48145466, 0.4578275, 0.40821073)
OPENAI_STD = (0.26862954, 0.26130258, 0.27577711)


class Tower(nn.Module):
    """One tower as its own graph: the encoder with L2-normalised output, as Immich exports it."""

    def __init__(self, model: nn.Module, which: str):
        super().__init__()
        self.model = model
        self.which = which

    def forward(self, x):
        if self.which == "visual":
            return self.model.encode_image(x, normalize=True)
        return self.model.encode_text(x, normalize=True)


class TinyOpenClip(nn.Module):
    """Stands in for an open_clip CLIP model in --self-test: same methods, a few thousand weights."""

    def __init__(self, image_size: int = 32, vocab: int = 49408, width: int = 16, embed_dim: int = 24):
        super().__init__()
        torch.manual_seed(0)
        self.image_size = image_size
        self.stem = nn.Conv2d(3, width, 4, stride=4)
        self.visual_proj = nn.Linear(width, embed_dim)
        self.token_embedding = nn.Embedding(vocab, width)
        self.ln_final = nn.LayerNorm(width)
        self.text_projection = nn.Linear(width, embed_dim, bias=False)
        self.logit_scale = nn.Parameter(torch.tensor(4.6052))

    def encode_image(self, image, normalize: bool = False):
        x = self.visual_proj(self.stem(image).mean(dim=(2, 3)))
        return F.normalize(x, dim=-1) if normalize else x

    def encode_text(self, text, normalize: bool = False):
        x = self.ln_final(self.token_embedding(text))
        x = self.text_projection(x[torch.arange(x.shape[0]), text.argmax(dim=-1)])
        return F.normalize(x, dim=-1) if normalize else x


def self_test_model():
    model = TinyOpenClip()
    config = {
        "embed_dim": 24,
        "vision_cfg": {"image_size": model.image_size, "layers": 1, "width": 16, "patch_size": 4},
        "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 16, "heads": 1, "layers": 0},
    }
    preprocess = {"size": [model.image_size, model.image_size], "mode": "RGB", "mean": list(OPENAI_MEAN),
                  "std": list(OPENAI_STD), "interpolation": "bicubic", "resize_mode": "shortest", "fill_color": 0}
    return model, config, preprocess


def open_clip_model(name: str, pretrained: str):
    import open_clip  # only needed for real models

    model = open_clip.create_model(name, pretrained=pretrained, jit=False, require_pretrained=True)
    config = open_clip.get_model_config(name)
    if config is None:
        sys.exit(f"open_clip does not know the model {name}")
    if hasattr(open_clip, "get_model_preprocess_cfg"):
        preprocess = dict(open_clip.get_model_preprocess_cfg(model))
    else:  # older open_clip: rebuild it from the visual tower's attributes
        visual = model.visual
        preprocess = {"size": visual.image_size, "mode": "RGB",
                      "mean": list(getattr(visual, "image_mean", None) or OPENAI_MEAN),
                      "std": list(getattr(visual, "image_std", None) or OPENAI_STD),
                      "interpolation": "bicubic", "resize_mode": "shortest", "fill_color": 0}
    size = preprocess.get("size", config["vision_cfg"]["image_size"])
    preprocess["size"] = list(size) if isinstance(size, (list, tuple)) else [size, size]
    return model, config, preprocess


def export_tower(tower: Tower, example: torch.Tensor, input_name: str, out_dir: str) -> None:
    """Exports with a dynamic batch axis, then moves every weight into one external-data file."""
    import onnx

    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        raw = os.path.join(scratch, "model.onnx")
        # Autograd stays on: under no_grad PyTorch swaps in a fused attention kernel with no ONNX export.
        with torch.enable_grad():
            torch.onnx.export(tower, (example,), raw, input_names=[input_name], output_names=["embedding"],
                              opset_version=OPSET, do_constant_folding=True,
                              dynamic_axes={input_name: {0: "batch_size"}, "embedding": {0: "batch_size"}})
        graph = onnx.load(raw, load_external_data=True)
    target = os.path.join(out_dir, "model.onnx")
    for stale in (target, target + "_data"):
        if os.path.exists(stale):
            os.remove(stale)
    onnx.save_model(graph, target, save_as_external_data=True, all_tensors_to_one_file=True,
                    location="model.onnx_data", size_threshold=0)
    onnx.checker.check_model(target)


def save_tokenizer(config: dict, textual_dir: str, tokenizer_from: str) -> None:
    name = config.get("text_cfg", {}).get("hf_tokenizer_name")
    if name:
        from transformers import AutoTokenizer  # only for models with their own tokenizer

        AutoTokenizer.from_pretrained(name).save_pretrained(textual_dir)
        return
    for file in TOKENIZER_FILES:
        source = os.path.join(tokenizer_from, file)
        if os.path.exists(source):
            shutil.copyfile(source, os.path.join(textual_dir, file))
    if not os.path.exists(os.path.join(textual_dir, "tokenizer.json")):
        sys.exit(f"no tokenizer.json in {tokenizer_from}: pass --tokenizer-from with the CLIP tokenizer files")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", help="open_clip model name, e.g. convnext_xxlarge")
    parser.add_argument("--pretrained", help="open_clip pretrained tag, e.g. laion2b_s34b_b82k_augreg_soup")
    parser.add_argument("--out", required=True, help="package folder to write")
    parser.add_argument("--tokenizer-from", default=DEMO_TOKENIZER, help="folder with CLIP tokenizer files")
    parser.add_argument("--self-test", action="store_true", help="export a tiny open_clip-like model instead")
    args = parser.parse_args()
    if args.self_test:
        model, config, preprocess = self_test_model()
    elif args.model and args.pretrained:
        model, config, preprocess = open_clip_model(args.model, args.pretrained)
    else:
        parser.error("give --model and --pretrained, or --self-test")
    if hasattr(torch.backends, "mha") and hasattr(torch.backends.mha, "set_fastpath_enabled"):
        torch.backends.mha.set_fastpath_enabled(False)
    model.eval()
    for parameter in model.parameters():
        parameter.requires_grad_(False)

    out = os.path.abspath(args.out)
    visual_dir, textual_dir = os.path.join(out, "visual"), os.path.join(out, "textual")
    os.makedirs(visual_dir, exist_ok=True)
    os.makedirs(textual_dir, exist_ok=True)
    size = preprocess["size"][0]
    context = config.get("text_cfg", {}).get("context_length", 77)
    export_tower(Tower(model, "visual"), torch.randn(2, 3, size, size), "image", visual_dir)
    export_tower(Tower(model, "textual"), torch.ones(2, context, dtype=torch.int32), "text", textual_dir)

    config = dict(config)
    config["logit_scale"] = float(model.logit_scale.exp().item())
    # SigLIP models learn a bias for their sigmoid; open_clip's config only has its initial value.
    if getattr(model, "logit_bias", None) is not None:
        config["logit_bias"] = float(model.logit_bias.item())
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config, f, indent=2)
    with open(os.path.join(visual_dir, "preprocess_cfg.json"), "w") as f:
        json.dump(preprocess, f, indent=2)
    save_tokenizer(config, textual_dir, args.tokenizer_from)
    print(f"wrote {out}; import it with: facet models import {out}")


if __name__ == "__main__":
    main()
