"""A ViT-B/32-sized CLIP image tower (OpenCLIP's VisionTransformer layout), for the benchmark.

224 px input, 32 px patches (7x7 + class token), width 768, 12 layers, 12 heads, MLP 4x, GELU,
pre-LN blocks, ln_post on the class token, projection to 512.  Weights are random (fixed seed):
the benchmark compares speed, and the ONNX export and the PyTorch reference load one state_dict.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

CONFIG = {
    "embed_dim": 512,
    "vision_cfg": {"image_size": 224, "patch_size": 32, "width": 768, "layers": 12, "heads": 12, "mlp_ratio": 4},
    "text_cfg": {"context_length": 77, "vocab_size": 49408, "width": 64, "heads": 4, "layers": 1, "mlp_ratio": 4},
}


# OpenCLIP's ViT-B-32 text tower: what the live label preview runs on every keystroke.
TEXT_CFG_VITB32 = {"context_length": 77, "vocab_size": 49408, "width": 512, "heads": 8, "layers": 12, "mlp_ratio": 4}


class ResidualAttentionBlock(nn.Module):
    def __init__(self, width: int, heads: int, mlp_ratio: int = 4):
        super().__init__()
        self.ln_1 = nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.ln_2 = nn.LayerNorm(width)
        self.mlp = nn.Sequential()
        self.mlp.add_module("c_fc", nn.Linear(width, width * mlp_ratio))
        self.mlp.add_module("gelu", nn.GELU())
        self.mlp.add_module("c_proj", nn.Linear(width * mlp_ratio, width))

    def forward(self, x, attn_mask=None):
        y = self.ln_1(x)
        x = x + self.attn(y, y, y, need_weights=False, attn_mask=attn_mask)[0]
        return x + self.mlp(self.ln_2(x))


class VisionTransformer(nn.Module):
    def __init__(self, image_size: int, patch_size: int, width: int, layers: int, heads: int, mlp_ratio: int,
                 output_dim: int):
        super().__init__()
        grid = image_size // patch_size
        scale = width ** -0.5
        self.conv1 = nn.Conv2d(3, width, kernel_size=patch_size, stride=patch_size, bias=False)
        self.class_embedding = nn.Parameter(scale * torch.randn(width))
        self.positional_embedding = nn.Parameter(scale * torch.randn(grid * grid + 1, width))
        self.ln_pre = nn.LayerNorm(width)
        self.resblocks = nn.ModuleList([ResidualAttentionBlock(width, heads, mlp_ratio) for _ in range(layers)])
        self.ln_post = nn.LayerNorm(width)
        self.proj = nn.Parameter(scale * torch.randn(width, output_dim))

    def forward(self, x):
        x = self.conv1(x)                              # [N, width, grid, grid]
        x = x.flatten(2).transpose(1, 2)               # [N, grid*grid, width]
        cls = self.class_embedding.to(x.dtype).expand(x.shape[0], 1, -1)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding
        x = self.ln_pre(x)
        for blk in self.resblocks:
            x = blk(x)
        return self.ln_post(x[:, 0]) @ self.proj


class TextTransformer(nn.Module):
    """OpenCLIP's text tower layout: causal pre-LN blocks, ln_final, features at the end-of-text token.

    Like OpenCLIP it slices the positional embedding and the causal mask to the input's length, so
    an export with an open sequence axis takes texts without their padding."""

    def __init__(self, context_length: int, vocab_size: int, width: int, heads: int, layers: int, mlp_ratio: int,
                 output_dim: int):
        super().__init__()
        self.token_embedding = nn.Embedding(vocab_size, width)
        self.positional_embedding = nn.Parameter(0.01 * torch.randn(context_length, width))
        self.register_buffer("attn_mask", torch.full((context_length, context_length), float("-inf")).triu(1),
                             persistent=False)
        self.resblocks = nn.ModuleList([ResidualAttentionBlock(width, heads, mlp_ratio) for _ in range(layers)])
        self.ln_final = nn.LayerNorm(width)
        self.text_projection = nn.Parameter(width ** -0.5 * torch.randn(width, output_dim))

    def forward(self, text):
        length = text.shape[1]
        x = self.token_embedding(text) + self.positional_embedding[:length]
        mask = self.attn_mask[:length, :length]
        for blk in self.resblocks:
            x = blk(x, mask)
        x = self.ln_final(x)
        x = x[torch.arange(x.shape[0]), text.argmax(dim=-1)]
        return F.normalize(x @ self.text_projection, dim=-1)


def build_text(seed: int = 77) -> TextTransformer:
    torch.manual_seed(seed)
    t = TEXT_CFG_VITB32
    return TextTransformer(t["context_length"], t["vocab_size"], t["width"], t["heads"], t["layers"],
                           t["mlp_ratio"], CONFIG["embed_dim"]).eval()


class EncodeImage(nn.Module):
    """What the ONNX graph computes: L2-normalised image embeddings (as Immich exports)."""

    def __init__(self, visual: nn.Module):
        super().__init__()
        self.visual = visual

    def forward(self, image):
        return F.normalize(self.visual(image), dim=-1)


def build(seed: int = 32) -> EncodeImage:
    torch.manual_seed(seed)
    v = CONFIG["vision_cfg"]
    return EncodeImage(VisionTransformer(v["image_size"], v["patch_size"], v["width"], v["layers"], v["heads"],
                                         v["mlp_ratio"], CONFIG["embed_dim"])).eval()
