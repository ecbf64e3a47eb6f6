"""The tiny-clip-shapes image tower as a PyTorch module, with weights read from its ONNX file.

Architecture copied from the model's training code (tools/tiny-clip/model.py, MIT licence, made
for this project): ConvNeXt stem + 3 stages, average pool, LayerNorm, linear projection, and the
L2 normalisation the export adds.
"""
from __future__ import annotations

import json
import os
import re

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper
from torch import nn


class LayerNorm2d(nn.LayerNorm):
    def forward(self, x):
        x = x.permute(0, 2, 3, 1)
        x = F.layer_norm(x, self.normalized_shape, self.weight, self.bias, self.eps)
        return x.permute(0, 3, 1, 2)


class ConvNeXtBlock(nn.Module):
    def __init__(self, dim: int, mlp_ratio: int = 4, kernel_size: int = 7, ls_init_value: float = 0.1):
        super().__init__()
        self.conv_dw = nn.Conv2d(dim, dim, kernel_size, padding=kernel_size // 2, groups=dim)
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = nn.Sequential()
        self.mlp.add_module("fc1", nn.Linear(dim, mlp_ratio * dim))
        self.mlp.add_module("act", nn.GELU())
        self.mlp.add_module("fc2", nn.Linear(mlp_ratio * dim, dim))
        self.gamma = nn.Parameter(ls_init_value * torch.ones(dim))

    def forward(self, x):
        shortcut = x
        x = self.conv_dw(x).permute(0, 2, 3, 1)
        x = self.mlp(self.norm(x)) * self.gamma
        return x.permute(0, 3, 1, 2) + shortcut


class ConvNeXtStage(nn.Module):
    def __init__(self, in_chs: int, out_chs: int, depth: int, downsample: bool, **kw):
        super().__init__()
        if downsample:
            self.downsample = nn.Sequential(LayerNorm2d(in_chs, eps=1e-6), nn.Conv2d(in_chs, out_chs, 2, stride=2))
        else:
            self.downsample = nn.Identity()
        self.blocks = nn.Sequential(*[ConvNeXtBlock(out_chs, **kw) for _ in range(depth)])

    def forward(self, x):
        return self.blocks(self.downsample(x))


class ConvNeXtTower(nn.Module):
    def __init__(self, embed_dim: int, patch_size: int, width: list, layers: list, mlp_ratio: int = 4,
                 kernel_size: int = 7, ls_init_value: float = 0.1):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, width[0], patch_size, stride=patch_size), LayerNorm2d(width[0], eps=1e-6))
        stages, prev = [], width[0]
        for i, (w, d) in enumerate(zip(width, layers)):
            stages.append(ConvNeXtStage(prev, w, d, downsample=i > 0, mlp_ratio=mlp_ratio, kernel_size=kernel_size,
                                        ls_init_value=ls_init_value))
            prev = w
        self.stages = nn.Sequential(*stages)
        self.head_norm = nn.LayerNorm(prev, eps=1e-6)
        self.proj = nn.Linear(prev, embed_dim, bias=False)

    def forward(self, x):
        x = self.stages(self.stem(x)).mean(dim=(2, 3))
        return F.normalize(self.proj(self.head_norm(x)), dim=-1)


def load_tiny(model_dir: str) -> ConvNeXtTower:
    """Builds the tower from config.json and copies every weight out of visual/model.onnx."""
    with open(os.path.join(model_dir, "config.json")) as f:
        cfg = json.load(f)
    v = cfg["vision_cfg"]
    tower = ConvNeXtTower(cfg["embed_dim"], v["patch_size"], v["width"], v["layers"], v.get("mlp_ratio", 4),
                          v.get("kernel_size", 7), v.get("ls_init_value", 0.1)).eval()
    graph = onnx.load(os.path.join(model_dir, "visual", "model.onnx")).graph
    named, matmuls = {}, []
    for init in graph.initializer:
        arr = numpy_helper.to_array(init)
        if init.name.startswith("model.visual."):
            named[init.name[len("model.visual."):]] = arr
        elif init.name.startswith("onnx::MatMul_"):
            matmuls.append((int(re.sub(r"\D", "", init.name)), arr))
    # Linear weights without bias names were exported as anonymous MatMul operands (transposed),
    # numbered in module order: fc1, fc2 of each block, then proj.
    linear_keys = [k for k, p in tower.state_dict().items() if k.endswith("weight") and p.dim() == 2]
    matmuls.sort(key=lambda t: t[0])
    if len(linear_keys) != len(matmuls):
        raise RuntimeError(f"expected {len(linear_keys)} MatMul weights, found {len(matmuls)}")
    for key, (_, arr) in zip(linear_keys, matmuls):
        named[key] = np.ascontiguousarray(arr.T)
    sd = tower.state_dict()
    missing = set(sd) - set(named)
    if missing:
        raise RuntimeError(f"no ONNX initializer for {sorted(missing)}")
    tower.load_state_dict({k: torch.from_numpy(np.array(named[k])).reshape(sd[k].shape) for k in sd})
    return tower
