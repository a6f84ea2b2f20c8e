# ruff: noqa: E501 - alt-text banks hold long natural-language strings
"""Photograph-like pictures drawn with Pillow: fields, sea, cities, mountains, forests, rivers,
steppe skies and night-light bokeh, deterministic for a seed.

Scenes are drawn at half size and scaled up, which softens edges the way a lens does, then a
seeded grain and a vignette are added. No randomness comes from Pillow itself.
"""

import io
import random
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image, ImageChops, ImageDraw, ImageFilter

from vistka.demo.text import L

WIDTH, HEIGHT = 1600, 900
W, H = WIDTH // 2, HEIGHT // 2

# (scene, variant) -> alt text. Each picture's caption and alt text come from here.
SCENES = {
    ("field", "summer"): L(
        "Пшеничне поле під літнім небом",
        "Пшеничное поле под летним небом",
        "A wheat field under a summer sky",
    ),
    ("field", "sunset"): L("Поле на заході сонця", "Поле на закате", "A field at sunset"),
    ("field", "winter"): L(
        "Засніжене поле взимку", "Заснеженное поле зимой", "A snow-covered field in winter"
    ),
    ("sea", "dawn"): L("Світанок над морем", "Рассвет над морем", "Dawn over the sea"),
    ("sea", "day"): L("Море в ясний день", "Море в ясный день", "The sea on a clear day"),
    ("sea", "dusk"): L(
        "Вечірнє море й сонячна доріжка",
        "Вечернее море и солнечная дорожка",
        "The sea at dusk with a path of sunlight",
    ),
    ("city", "dusk"): L(
        "Силует міських багатоповерхівок у сутінках",
        "Силуэт городских многоэтажек в сумерках",
        "Apartment blocks silhouetted at dusk",
    ),
    ("city", "night"): L(
        "Нічне місто з освітленими вікнами",
        "Ночной город с освещенными окнами",
        "A city at night with lit windows",
    ),
    ("city", "dawn"): L("Місто на світанку", "Город на рассвете", "A city at dawn"),
    ("mountains", "mist"): L(
        "Карпатські хребти в ранковому тумані",
        "Карпатские хребты в утреннем тумане",
        "Carpathian ridges in morning mist",
    ),
    ("mountains", "day"): L(
        "Гірські хребти в ясний день", "Горные хребты в ясный день", "Mountain ridges on a clear day"
    ),
    ("mountains", "sunset"): L("Гори на заході сонця", "Горы на закате", "Mountains at sunset"),
    ("forest", "day"): L("Ялиновий ліс", "Еловый лес", "A spruce forest"),
    ("forest", "fog"): L("Ліс у тумані", "Лес в тумане", "A forest in fog"),
    ("forest", "night"): L(
        "Силует лісу під нічним небом",
        "Силуэт леса под ночным небом",
        "A forest silhouetted against the night sky",
    ),
    ("river", "day"): L("Міст через річку вдень", "Мост через реку днем", "A bridge over a river by day"),
    ("river", "dusk"): L(
        "Міст через річку в сутінках", "Мост через реку в сумерках", "A bridge over a river at dusk"
    ),
    ("river", "night"): L(
        "Нічна набережна й міст", "Ночная набережная и мост", "A river embankment and bridge at night"
    ),
    ("bokeh", "warm"): L(
        "Розмиті вогні нічного міста", "Размытые огни ночного города", "Blurred lights of a city at night"
    ),
    ("bokeh", "cold"): L(
        "Розмиті холодні вогні вулиці", "Размытые холодные огни улицы", "Blurred cold street lights"
    ),
    ("steppe", "day"): L(
        "Степ і хмари над обрієм", "Степь и облака над горизонтом", "Steppe and clouds above the horizon"
    ),
    ("steppe", "storm"): L(
        "Грозове небо над степом", "Грозовое небо над степью", "A stormy sky over the steppe"
    ),
}

# Sky stops (top -> horizon) per variant.
SKIES = {
    "summer": [(0, (52, 110, 190)), (0.7, (130, 180, 230)), (1, (210, 225, 235))],
    "sunset": [(0, (40, 40, 90)), (0.5, (200, 90, 80)), (1, (250, 180, 90))],
    "winter": [(0, (150, 160, 175)), (1, (215, 220, 225))],
    "dawn": [(0, (70, 80, 140)), (0.6, (220, 150, 150)), (1, (250, 210, 160))],
    "day": [(0, (60, 120, 200)), (1, (180, 210, 235))],
    "dusk": [(0, (25, 30, 70)), (0.6, (150, 80, 110)), (1, (240, 150, 90))],
    "night": [(0, (5, 8, 25)), (1, (35, 45, 85))],
    "mist": [(0, (170, 180, 195)), (1, (225, 225, 225))],
    "fog": [(0, (180, 185, 190)), (1, (215, 215, 210))],
    "warm": [(0, (15, 10, 20)), (1, (50, 25, 30))],
    "cold": [(0, (5, 10, 25)), (1, (20, 40, 60))],
    "storm": [(0, (40, 45, 55)), (0.7, (95, 100, 110)), (1, (150, 150, 140))],
}


@dataclass(frozen=True)
class Picture:
    index: int
    scene: str
    variant: str
    seed: int

    @property
    def alt(self):
        return SCENES[(self.scene, self.variant)]

    @property
    def filename(self):
        return f"vistka-demo-{self.index:02d}-{self.scene}-{self.variant}.jpg"


def pictures(seed, count=48):
    """The picture list for a seed: each scene variant once (as far as ``count`` allows), then
    seeded repeats with different compositions."""
    rng = random.Random(f"pictures-{seed}")
    keys = list(SCENES)
    rng.shuffle(keys)
    while len(keys) < count:
        keys.append(rng.choice(list(SCENES)))
    return [
        Picture(i, scene, variant, rng.getrandbits(32)) for i, (scene, variant) in enumerate(keys[:count])
    ]


def _jitter(rng, colour, amount=14):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)


def _gradient(stops, size, rng):
    stops = [(pos, _jitter(rng, colour)) for pos, colour in stops]
    column = []
    for i in range(256):
        t = i / 255
        for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
            if p0 <= t <= p1:
                f = (t - p0) / ((p1 - p0) or 1)
                column.append(tuple(int(a + (b - a) * f) for a, b in zip(c0, c1, strict=True)))
                break
        else:
            column.append(stops[-1][1])
    strip = Image.new("RGB", (1, 256))
    strip.putdata(column)
    return strip.resize(size, Image.Resampling.BILINEAR)


def _glow(img, centre, radius, colour, blur, strength=255):
    mask = Image.new("L", img.size, 0)
    x, y = centre
    ImageDraw.Draw(mask).ellipse((x - radius, y - radius, x + radius, y + radius), fill=strength)
    mask = mask.filter(ImageFilter.GaussianBlur(blur))
    img.paste(Image.new("RGB", img.size, colour), (0, 0), mask)


def _ridge(rng, base, amplitude, step=12):
    points, y = [], base
    for x in range(-step, W + 2 * step, step):
        y = max(base - amplitude, min(base + amplitude, y + rng.randint(-amplitude // 3, amplitude // 3)))
        points.append((x, y))
    return points + [(W + 2 * step, H), (-step, H)]


def _mix(a, b, t):
    return tuple(int(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def _field(img, rng, variant):
    horizon = int(H * rng.uniform(0.48, 0.6))
    draw = ImageDraw.Draw(img)
    if variant != "winter":
        _glow(img, (rng.randint(120, W - 120), horizon - rng.randint(10, 90)), 26, (255, 240, 200), 18)
    ground = {"summer": (200, 160, 60), "sunset": (70, 45, 40), "winter": (235, 238, 242)}[variant]
    far = _mix(ground, img.getpixel((W // 2, horizon - 2)), 0.45)
    draw.polygon(_ridge(rng, horizon, 8), fill=_jitter(rng, far))
    field = _gradient([(0, far), (1, ground)], (W, H - horizon), rng)
    img.paste(field, (0, horizon + 4))
    vx = rng.randint(W // 3, 2 * W // 3)
    row = _mix(ground, (0, 0, 0), 0.25)
    for i in range(-30, 31):
        draw.line((vx, horizon + 4, vx + i * 60, H), fill=row, width=1)
    if variant == "summer":
        for _ in range(3):
            x = rng.randint(0, W)
            draw.ellipse((x, horizon - 40, x + 60, horizon + 8), fill=(50, 70, 40))


def _sea(img, rng, variant):
    horizon = int(H * rng.uniform(0.45, 0.58))
    sun_x = rng.randint(W // 4, 3 * W // 4)
    sun_colour = {"dawn": (255, 220, 180), "day": (255, 255, 240), "dusk": (255, 190, 110)}[variant]
    _glow(img, (sun_x, horizon - rng.randint(20, 120)), 22, sun_colour, 20)
    water = {"dawn": (80, 90, 130), "day": (30, 90, 140), "dusk": (50, 40, 70)}[variant]
    sea = _gradient(
        [(0, _mix(water, (255, 255, 255), 0.25)), (1, _mix(water, (0, 0, 0), 0.4))], (W, H - horizon), rng
    )
    img.paste(sea, (0, horizon))
    draw = ImageDraw.Draw(img)
    for _ in range(140):
        y = rng.randint(horizon + 2, H)
        x = rng.randint(0, W)
        length = int(10 + (y - horizon) * rng.uniform(0.1, 0.4))
        near_sun = abs(x - sun_x) < 40 + (y - horizon) // 3
        colour = _mix(sun_colour, water, 0.2) if near_sun else _mix(water, (255, 255, 255), 0.3)
        draw.line((x, y, x + length, y), fill=colour, width=1)


def _city(img, rng, variant):
    draw = ImageDraw.Draw(img)
    base = int(H * 0.82)
    silhouette = {"dusk": (25, 20, 35), "night": (10, 10, 18), "dawn": (55, 55, 75)}[variant]
    lit = {"dusk": 0.35, "night": 0.55, "dawn": 0.15}[variant]
    for layer, shade in ((0, 0.45), (1, 0.0)):
        x = -20
        colour = _mix(silhouette, img.getpixel((W // 2, base - 120)), shade)
        while x < W:
            w = rng.randint(40, 110)
            h = rng.randint(60, 230) - layer * 30
            draw.rectangle((x, base - h, x + w, H), fill=colour)
            if layer == 1:
                for wy in range(base - h + 10, base, 14):
                    for wx in range(x + 6, x + w - 8, 12):
                        if rng.random() < lit:
                            draw.rectangle((wx, wy, wx + 5, wy + 7), fill=_jitter(rng, (250, 210, 120), 20))
            x += w + rng.randint(-10, 6)
    if rng.random() < 0.5:
        tx = rng.randint(60, W - 60)
        draw.polygon(
            ((tx - 10, base - 150), (tx + 10, base - 150), (tx + 3, base - 330), (tx - 3, base - 330)),
            fill=silhouette,
        )
    draw.rectangle((0, base, W, H), fill=_mix(silhouette, (0, 0, 0), 0.3))


def _mountains(img, rng, variant):
    draw = ImageDraw.Draw(img)
    near = {"mist": (40, 60, 60), "day": (30, 70, 50), "sunset": (50, 30, 50)}[variant]
    sky = img.getpixel((W // 2, H // 2))
    if variant == "sunset":
        _glow(img, (rng.randint(100, W - 100), int(H * 0.45)), 28, (255, 200, 120), 24)
    for i in range(5):
        t = i / 4
        colour = _mix(sky, near, 0.25 + 0.75 * t)
        draw.polygon(_ridge(rng, int(H * (0.38 + 0.12 * i)), 40 - i * 4, step=20), fill=colour)


def _forest(img, rng, variant):
    draw = ImageDraw.Draw(img)
    dark = {"day": (25, 60, 35), "fog": (60, 70, 70), "night": (5, 10, 15)}[variant]
    sky = img.getpixel((W // 2, H // 3))
    if variant == "night":
        for _ in range(160):
            x, y = rng.randint(0, W), rng.randint(0, H // 2)
            draw.point((x, y), fill=(230, 230, 255))
        _glow(img, (rng.randint(80, W - 80), rng.randint(40, 120)), 16, (240, 240, 220), 6)
    for row in range(4):
        colour = _mix(sky, dark, 0.3 + 0.23 * row)
        base = int(H * (0.55 + 0.12 * row))
        x = -20
        while x < W + 20:
            h = rng.randint(70, 150) + row * 25
            w = h // 3
            draw.polygon(((x, base), (x + w // 2, base - h), (x + w, base)), fill=colour)
            x += rng.randint(w // 3, w)
        draw.rectangle((0, base, W, H), fill=colour)


def _river(img, rng, variant):
    draw = ImageDraw.Draw(img)
    horizon = int(H * 0.55)
    bank = {"day": (60, 80, 60), "dusk": (40, 30, 45), "night": (10, 12, 20)}[variant]
    draw.polygon(_ridge(rng, horizon, 10), fill=bank)
    water = _gradient(
        [(0, _mix(img.getpixel((W // 2, horizon - 30)), bank, 0.3)), (1, _mix(bank, (0, 0, 0), 0.3))],
        (W, H - horizon - 10),
        rng,
    )
    img.paste(water, (0, horizon + 10))
    deck = horizon - rng.randint(40, 80)
    steel = _mix(bank, (0, 0, 0), 0.4)
    draw.rectangle((0, deck, W, deck + 8), fill=steel)
    span = rng.randint(110, 180)
    pier_foot = horizon + 30
    for x in range(-span // 2, W + span, span):
        draw.rectangle((x - 6, deck, x + 6, pier_foot), fill=steel)
        draw.arc((x, deck + 6, x + span, deck + 6 + 2 * (pier_foot - deck)), 180, 360, fill=steel, width=5)
    if variant != "day":
        for x in range(rng.randint(10, 40), W, rng.randint(40, 70)):
            _glow(img, (x, deck - 4), 4, (255, 220, 150), 3)
            for y in range(horizon + 16, H, 9):
                if rng.random() < 0.6:
                    half = rng.randint(2, 7)
                    fade = 0.45 + 0.5 * (y - horizon) / (H - horizon)
                    draw.line((x - half, y, x + half, y), fill=_mix((255, 220, 150), bank, fade), width=2)


def _bokeh(img, rng, variant):
    layer = Image.new("RGB", img.size, (0, 0, 0))
    draw = ImageDraw.Draw(layer)
    palette = (
        [(255, 170, 60), (255, 120, 80), (255, 220, 140), (200, 80, 120)]
        if variant == "warm"
        else [(120, 180, 255), (80, 220, 230), (200, 220, 255), (150, 120, 255)]
    )
    for _ in range(70):
        r = rng.randint(8, 45)
        x, y = rng.randint(-r, W + r), rng.randint(-r, H + r)
        shade = _mix(rng.choice(palette), (0, 0, 0), rng.uniform(0.2, 0.7))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=shade)
    img.paste(ImageChops.screen(img, layer.filter(ImageFilter.GaussianBlur(3))))


def _steppe(img, rng, variant):
    draw = ImageDraw.Draw(img)
    clouds = Image.new("L", img.size, 0)
    cdraw = ImageDraw.Draw(clouds)
    for _ in range(25):
        x, y = rng.randint(-100, W), rng.randint(0, int(H * 0.5))
        w, h = rng.randint(80, 260), rng.randint(25, 70)
        cdraw.ellipse((x, y, x + w, y + h), fill=rng.randint(120, 230))
    cloud_colour = (245, 245, 245) if variant == "day" else (70, 72, 80)
    img.paste(Image.new("RGB", img.size, cloud_colour), (0, 0), clouds.filter(ImageFilter.GaussianBlur(14)))
    horizon = int(H * rng.uniform(0.66, 0.74))
    grass = (120, 130, 60) if variant == "day" else (60, 70, 45)
    draw.rectangle((0, horizon, W, H), fill=grass)
    for _ in range(400):
        x, y = rng.randint(0, W), rng.randint(horizon, H)
        draw.line((x, y, x + rng.randint(-2, 2), y - rng.randint(3, 10)), fill=_jitter(rng, grass, 25))


DRAW = {
    "field": _field,
    "sea": _sea,
    "city": _city,
    "mountains": _mountains,
    "forest": _forest,
    "river": _river,
    "bokeh": _bokeh,
    "steppe": _steppe,
}


@lru_cache(maxsize=1)
def _overlay():
    """Film grain and a soft vignette, multiplied over every picture. Computed once; its
    grain comes from a fixed seed, so pictures stay deterministic."""
    rng = random.Random("grain")
    grain = Image.frombytes("L", (400, 300), rng.randbytes(400 * 300)).point(lambda v: 235 + (v - 128) // 8)
    grain = grain.resize((WIDTH, HEIGHT), Image.Resampling.NEAREST)
    vignette = Image.new("L", (160, 90), 0)
    ImageDraw.Draw(vignette).ellipse((-30, -25, 190, 115), fill=255)
    vignette = vignette.filter(ImageFilter.GaussianBlur(18)).resize(
        (WIDTH, HEIGHT), Image.Resampling.BILINEAR
    )
    vignette = vignette.point(lambda v: 160 + v * 95 // 255)
    shade = ImageChops.multiply(grain, vignette)
    return Image.merge("RGB", (shade, shade, shade))


def _finish(img):
    img = img.resize((WIDTH, HEIGHT), Image.Resampling.BILINEAR)
    return ImageChops.multiply(img, _overlay())


def render(picture):
    """JPEG bytes for a picture."""
    rng = random.Random(picture.seed)
    sky_key = picture.variant if picture.variant in SKIES else "day"
    img = _gradient(SKIES[sky_key], (W, H), rng)
    DRAW[picture.scene](img, rng, picture.variant)
    img = _finish(img)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=82)
    return out.getvalue()
