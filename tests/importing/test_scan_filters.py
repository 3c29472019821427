"""The scan reader's image filters give what Pillow's own filters give, pixel for pixel."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageFilter

from importing.readers.images import median3


def _noise(width: int, height: int, seed: int) -> Image.Image:
    rng = random.Random(seed)
    return Image.frombytes(
        "L", (width, height), bytes(rng.randrange(256) for _ in range(width * height))
    )


@pytest.mark.parametrize("size", [(1, 1), (1, 7), (7, 1), (2, 2), (3, 5), (64, 41), (257, 130)])
def test_median3_is_pillows_median_filter_on_noise_of_any_size(size):
    image = _noise(*size, seed=size[0] * 1000 + size[1])
    assert median3(image).tobytes() == image.filter(ImageFilter.MedianFilter(3)).tobytes()


def test_median3_is_pillows_median_filter_on_a_speckled_page_with_a_ruled_table():
    from PIL import ImageDraw

    page = Image.new("L", (400, 300), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((20, 20, 380, 280), outline=0, width=2)
    draw.line((20, 150, 380, 150), fill=40, width=1)
    draw.text((30, 40), "Delmål 1: flere i job", fill=0)
    rng = random.Random(3)
    for _ in range(400):
        page.putpixel((rng.randrange(400), rng.randrange(300)), rng.choice((0, 60, 120)))
    blurred = page.filter(ImageFilter.GaussianBlur(0.5))
    assert median3(blurred).tobytes() == blurred.filter(ImageFilter.MedianFilter(3)).tobytes()
