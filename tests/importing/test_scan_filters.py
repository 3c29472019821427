"""The scan reader's image filters give what Pillow's own filters give, pixel for pixel."""

from __future__ import annotations

import random

import pytest
from PIL import Image, ImageFilter

from importing.readers.images import binary_median, max_filter, median3


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


@pytest.mark.parametrize("size", [(1, 1), (1, 9), (9, 1), (4, 3), (50, 33), (276, 390)])
@pytest.mark.parametrize("width", [3, 5, 7])
def test_max_filter_is_pillows_max_filter(size, width):
    image = _noise(*size, seed=size[0] + 7 * size[1] + width)
    assert (
        max_filter(image, width).tobytes() == image.filter(ImageFilter.MaxFilter(width)).tobytes()
    )


@pytest.mark.parametrize("share", [0.1, 0.5, 0.9])
@pytest.mark.parametrize("size", [(1, 1), (2, 7), (7, 2), (40, 61), (300, 424)])
def test_binary_median_is_pillows_median_filter_on_black_and_white(size, share):
    rng = random.Random(size[0] * size[1])
    count = size[0] * size[1]
    mask = Image.frombytes(
        "L", size, bytes(255 if rng.random() < share else 0 for _ in range(count))
    )
    for width in (3, 5):
        expected = mask.filter(ImageFilter.MedianFilter(width)).tobytes()
        assert binary_median(mask, width).tobytes() == expected
