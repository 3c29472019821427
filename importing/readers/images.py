"""A page image as Tesseract reads it best: grey, upright, evenly lit, at a resolution it knows.

`normalise(image, dpi)` runs first on every page `importing.readers.scan.prepare` is given,
whatever it came from (a scanned PDF, a phone photo, a fax TIFF):

- **colour**: each pixel's lightest channel, so a blue or red stamp and a signature in
  coloured ink fade to the paper while black text stays black (a plain grey conversion
  leaves them as dark as the text under them);
- **1-bit** (fax) and palette images become grey; a fax's ragged strokes are softened a
  little so Tesseract sees strokes, not stair steps;
- **a photographed sheet** is cut out of the table it lies on and its perspective undone
  (its corners are the paper's extreme points along the diagonals);
- **resolution**: an image without a believable dpi (a phone photo has none or 72/96; a PDF
  made from photos says 96) gets the one that makes its short side an A4 sheet's width;
- **light**: a photo's uneven light and the shadow at a fold are divided out by the page's
  own background (the paper's brightness, found with a max filter on a reduced copy), only
  when that background really varies, so flatbed scans are left as they are;
- **skew**: straightened by `importing.readers.scan.skew_angle` (±5°: a hand-fed scan or a
  photo is tilted more than a sheet feeder's ±2°);
- **orientation**: a page wider than tall is turned upright (scanned sideways), and a page
  whose text lines have more ink below their core than above is upside down (Latin text has
  far more ascenders and capitals than descenders): turned 180°. Measured on row profiles,
  a few milliseconds a page, where Tesseract's own orientation detection (`--psm 0`) takes
  two seconds a page, as long as reading it.

Pillow only (no OpenCV, no numpy): every step is an image operation that runs in C.
"""

from __future__ import annotations

from typing import Any

A4_SHORT_INCHES = 8.27
MIN_BELIEVED_DPI = 100
UNEVEN_LIGHT = 40  # grey levels between the page's lightest and darkest paper
STAMP_INK = 170  # a coloured ink whose lightest channel is above this is faded to paper
MIN_VOTES = 5  # text lines with more ink below their core than above, to turn a page


def normalise(image: Any, dpi: int) -> tuple[Any, int]:
    """The page as an upright, evenly lit greyscale image, and its resolution in dpi."""
    from PIL import Image, ImageChops, ImageFilter

    from importing.readers.scan import skew_angle

    if image.mode in ("RGB", "RGBA", "CMYK", "P", "YCbCr"):
        red, green, blue = image.convert("RGB").split()
        gray = ImageChops.lighter(red, ImageChops.lighter(green, blue))
        # a light, saturated ink (a stamp's blue or red) goes further, to the paper; dark
        # colours (a heading's dark blue, a signature) keep their lightest channel
        darkest = ImageChops.darker(red, ImageChops.darker(green, blue))
        faded = ImageChops.add(gray, ImageChops.subtract(gray, darkest), scale=1.0)
        gray.paste(faded, mask=gray.point(lambda v: 255 if v > STAMP_INK else 0))
    elif image.mode == "1":
        gray = image.convert("L").filter(ImageFilter.BoxBlur(1))
    else:
        gray = image.convert("L")
    gray = flatten_sheet(gray)
    dpi = believed_dpi(gray, dpi)
    gray = even_light(gray)
    if gray.width > gray.height * 1.1:
        gray = gray.transpose(Image.Transpose.ROTATE_270)
        # which way round is decided below: both 90° turns give an upright or a 180° page
    angle = skew_angle(gray)
    if angle:
        gray = gray.rotate(angle, resample=Image.Resampling.BILINEAR, fillcolor=255)
    if upside_down(gray):
        gray = gray.transpose(Image.Transpose.ROTATE_180)
    return gray, dpi


def believed_dpi(gray: Any, dpi: int) -> int:
    """`dpi` if it fits the image's size as a sheet of paper, else the one that does."""
    estimate = min(gray.width, gray.height) / A4_SHORT_INCHES
    if dpi < MIN_BELIEVED_DPI or not estimate / 2 <= dpi <= estimate * 2:
        return max(70, min(600, round(estimate)))
    return dpi


def even_light(gray: Any) -> Any:
    """The page divided by its paper's brightness when that varies (a photo), else as is."""
    from PIL import Image, ImageFilter, ImageMath

    factor = max(1, gray.width // 250)
    small = gray.reduce(factor)
    paper = max_filter(small, 7).filter(ImageFilter.GaussianBlur(2))
    histogram = paper.histogram()
    total = sum(histogram)
    low = _percentile(histogram, total, 0.05)
    high = _percentile(histogram, total, 0.95)
    if high - low < UNEVEN_LIGHT:
        return gray
    # what is far darker than the page's paper is not paper (the table the sheet lies on)
    # (and the shadowed edge of the sheet, which would read as a table's ruling lines)
    surface = max_filter(paper.point(lambda v: 255 if v < high * 0.45 else 0), 5)
    background = paper.resize(gray.size, Image.Resampling.BILINEAR)
    flat = ImageMath.lambda_eval(
        lambda args: args["min"](args["a"] * 255 / args["max"](args["b"], 1), 255),
        a=gray,
        b=background,
    )
    flat = flat.convert("L")
    # what was darker than its paper by less than a sixth is paper (the table the sheet
    # lies on, noise); text is far darker than that
    # lifted paper, and strokes darkened (a square curve): a photo's thin ruling lines come
    # out 1-2 px wide and mid-grey after blur and JPEG, and must read as ink
    flat = flat.point(lambda v: 255 if v > 215 else int(255 * (v / 215) ** 2))
    flat.paste(255, mask=surface.resize(gray.size, Image.Resampling.NEAREST))
    return flat


def _percentile(histogram: list[int], total: int, share: float) -> int:
    seen = 0
    for value, count in enumerate(histogram):
        seen += count
        if seen >= share * total:
            return value
    return 255


def upside_down(gray: Any) -> bool:
    """Whether the text lines have clearly more ink below their cores than above."""
    from PIL import Image

    # about 100 dpi: specks and noise average away, text lines stay apart
    factor = max(1, gray.width // 800)
    small = gray.reduce(factor) if factor > 1 else gray
    ink = median3(small).point(lambda v: 255 if v < 150 else 0)
    profile = ink.resize((1, ink.height), Image.Resampling.BOX).tobytes()
    above = below = 0
    y, height = 0, len(profile)
    while y < height:
        if profile[y] == 0:
            y += 1
            continue
        start = y
        while y < height and profile[y]:
            y += 1
        line = profile[start:y]
        if len(line) < 4:
            continue
        peak = max(line)
        core = [i for i, value in enumerate(line) if value >= peak * 0.5]
        top, bottom = core[0], core[-1]
        if bottom - top >= len(line) * 0.8:  # a ruling line or a block: no ascenders to see
            continue
        over, under = sum(line[:top]), sum(line[bottom + 1 :])
        if over > under * 1.2:
            above += 1
        elif under > over * 1.2:
            below += 1
    # each text line votes; a clear majority turns the page, a draw leaves it
    return below >= MIN_VOTES and below >= 2 * above


def _framed(gray: Any, border: int) -> Any:
    """The image with `border` pixels around it, each a copy of the nearest edge pixel (as
    Pillow's rank filters frame an image)."""
    from PIL import Image

    width, height = gray.size
    framed = Image.new("L", (width + 2 * border, height + 2 * border))
    framed.paste(gray, (border, border))
    nearest = Image.Resampling.NEAREST
    framed.paste(gray.crop((0, 0, width, 1)).resize((width, border), nearest), (border, 0))
    bottom = gray.crop((0, height - 1, width, height)).resize((width, border), nearest)
    framed.paste(bottom, (border, height + border))
    full = height + 2 * border
    left = framed.crop((border, 0, border + 1, full)).resize((border, full), nearest)
    framed.paste(left, (0, 0))
    right = framed.crop((width + border - 1, 0, width + border, full))
    framed.paste(right.resize((border, full), nearest), (width + border, 0))
    return framed


def max_filter(gray: Any, size: int) -> Any:
    """`gray.filter(ImageFilter.MaxFilter(size))`, pixel for pixel, in a few per cent of its
    time: the largest of a square is the largest of its rows' largest (run along the rows,
    then down the columns)."""
    from PIL import ImageChops

    width, height = gray.size
    border = size // 2
    framed = _framed(gray, border)
    across = framed.crop((0, 0, width, height + 2 * border))
    for dx in range(1, size):
        shifted = framed.crop((dx, 0, dx + width, height + 2 * border))
        across = ImageChops.lighter(across, shifted)
    out = across.crop((0, 0, width, height))
    for dy in range(1, size):
        out = ImageChops.lighter(out, across.crop((0, dy, width, dy + height)))
    return out


def binary_median(mask: Any, size: int) -> Any:
    """`mask.filter(ImageFilter.MedianFilter(size))` of an image of 0 and 255 only, pixel for
    pixel: the median of a square of 0s and 255s is 255 where most of it is, which a box
    blur counts (its means are a multiple of 255 / size² apart, none near the middle)."""
    from PIL import ImageFilter

    border = size // 2
    width, height = mask.size
    framed = _framed(mask, border)
    mean = framed.filter(ImageFilter.BoxBlur(border)).crop(
        (border, border, border + width, border + height)
    )
    return mean.point(lambda v: 255 if v >= 128 else 0)


def median3(gray: Any) -> Any:
    """`gray.filter(ImageFilter.MedianFilter(3))`, pixel for pixel, in 60 % of its time.

    Pillow's rank filter sorts every pixel's nine neighbours; here each column of three is
    sorted once for the three windows it is part of, and a window's median is the median of
    its three columns' lowest's highest, middles' median and highests' lowest (an exact
    identity for nine values). Every step is an image operation in C; the edges are
    repeated, as Pillow's filter repeats them."""
    from PIL import Image, ImageChops

    width, height = gray.size
    framed = Image.new("L", (width + 2, height + 2))
    framed.paste(gray, (1, 1))
    framed.paste(gray.crop((0, 0, width, 1)), (1, 0))
    framed.paste(gray.crop((0, height - 1, width, height)), (1, height + 1))
    framed.paste(framed.crop((1, 0, 2, height + 2)), (0, 0))
    framed.paste(framed.crop((width, 0, width + 1, height + 2)), (width + 1, 0))
    lighter, darker = ImageChops.lighter, ImageChops.darker
    above, middle, below = (framed.crop((0, dy, width + 2, dy + height)) for dy in (0, 1, 2))
    low, high = darker(above, middle), lighter(above, middle)
    lowest, other = darker(low, below), lighter(low, below)
    middles, highest = darker(high, other), lighter(high, other)

    def columns(image: Any) -> list[Any]:
        return [image.crop((dx, 0, dx + width, height)) for dx in (0, 1, 2)]

    def median(a: Any, b: Any, c: Any) -> Any:
        return lighter(darker(a, b), darker(lighter(a, b), c))

    l0, l1, l2 = columns(lowest)
    h0, h1, h2 = columns(highest)
    return median(
        lighter(lighter(l0, l1), l2), median(*columns(middles)), darker(darker(h0, h1), h2)
    )


SURFACE_SHARE = 0.5  # of the image's outer frame darker than paper: a sheet photographed


def flatten_sheet(gray: Any) -> Any:
    """A photographed sheet cut out of the table it lies on and its perspective undone.

    Only when most of the image's outer frame is far darker than its paper (a flatbed scan
    is paper to the edge): the sheet's corners are its paper's extreme points along the
    diagonals, found on a reduced copy, and the quadrilateral is mapped onto a rectangle."""
    from PIL import Image

    factor = max(1, gray.width // 300)
    small = gray.reduce(factor) if factor > 1 else gray
    histogram = small.histogram()
    paper_level = _percentile(histogram, sum(histogram), 0.9)
    cut = paper_level * 0.5  # the paper in the darkest corner of a photo is still lighter
    mask = binary_median(small.point(lambda v: 255 if v >= cut else 0), 5)
    width, height = mask.size
    data = mask.tobytes()
    frame = max(2, min(width, height) // 30)
    # the outer frame's dark pixels: the whole mask's less the inside's (counted in C)
    inside = mask.crop((frame, frame, max(frame, width - frame), max(frame, height - frame)))
    border = width * height - inside.width * inside.height
    dark = mask.histogram()[0] - inside.histogram()[0]
    if not border or dark < SURFACE_SHARE * border:
        return gray
    best = {"tl": (1 << 30, 0, 0), "br": (-(1 << 30), 0, 0)}
    best["tr"], best["bl"] = (-(1 << 30), 0, 0), (1 << 30, 0, 0)
    for y in range(height):
        row = data[y * width : (y + 1) * width]
        first = row.find(255)
        if first < 0:
            continue
        last = row.rfind(255)
        for x in (first, last):
            if x + y < best["tl"][0]:
                best["tl"] = (x + y, x, y)
            if x + y > best["br"][0]:
                best["br"] = (x + y, x, y)
            if x - y > best["tr"][0]:
                best["tr"] = (x - y, x, y)
            if x - y < best["bl"][0]:
                best["bl"] = (x - y, x, y)
    corners = [(best[k][1] * factor, best[k][2] * factor) for k in ("tl", "tr", "br", "bl")]
    (x0, y0), (x1, y1), (x2, y2), (x3, y3) = corners
    out_w = int(max(_distance(x0, y0, x1, y1), _distance(x3, y3, x2, y2)))
    out_h = int(max(_distance(x0, y0, x3, y3), _distance(x1, y1, x2, y2)))
    if out_w < gray.width * 0.4 or out_h < gray.height * 0.4:
        return gray  # not one sheet filling most of the photo: leave it
    inset = max(out_w, out_h) // 100  # the sheet's shadowed edge
    target = [(0.0, 0.0), (out_w, 0.0), (out_w, out_h), (0.0, out_h)]
    coefficients = perspective_coefficients(corners, target)
    sheet = gray.transform(
        (out_w, out_h),
        Image.Transform.PERSPECTIVE,
        coefficients,
        resample=Image.Resampling.BILINEAR,
        fillcolor=255,
    )
    return sheet.crop((inset, inset, out_w - inset, out_h - inset))


def _distance(x0: float, y0: float, x1: float, y1: float) -> float:
    return float(((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5)


def perspective_coefficients(
    source: list[tuple[float, float]], target: list[tuple[float, float]]
) -> list[float]:
    """Pillow's 8 perspective coefficients that map each `target` point (in the output) to
    its `source` point (in the input): a linear system of 8 equations, solved exactly."""
    rows: list[list[float]] = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y, u])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y, v])
    n = 8
    for col in range(n):  # Gauss-Jordan elimination with partial pivoting
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        for r in range(n):
            if r != col:
                factor = rows[r][col] / rows[col][col]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[col], strict=True)]
    return [rows[i][n] / rows[i][i] for i in range(n)]
