# Makes lay/hostile-glyph.ttf (run from the source tree with Debian's
# python3-fonttools): Noto Sans (OFL, fonts/OFL.txt) cut to a few letters,
# at 64 units an em, its "o" given a triangle reaching 32,000 units out.
from fontTools.ttLib import TTFont
from fontTools.subset import Subsetter, Options
from fontTools.ttLib.scaleUpem import scale_upem
from fontTools.pens.ttGlyphPen import TTGlyphPen
f = TTFont('fonts/NotoSans-Regular.ttf', recalcTimestamp=False)
o = Options(); o.name_IDs=['*']; o.notdef_outline=True; o.layout_features=[]; o.hinting=False
s = Subsetter(o); s.populate(text="Hostile glyph. Text of the release, abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ 0123456789.,:;-\u2013\u2014()\u201c\u201d\u2019")
s.subset(f)
scale_upem(f, 64)
glyf = f['glyf']
name = f.getBestCmap()[ord('o')]
pen = TTGlyphPen(glyf)
glyf[name].draw(pen, glyf)
pen.moveTo((0, 0)); pen.lineTo((32000, 0)); pen.lineTo((0, 32000)); pen.closePath()
glyf[name] = pen.glyph()
for rec in f['name'].names:
    if rec.nameID in (1, 4, 16, 18):
        rec.string = 'Hostile Glyph'
    elif rec.nameID == 6:
        rec.string = 'HostileGlyph-Regular'
f.save('tests/hostile/cases/raster-font-glyph-past-the-mask-cap/lay/hostile-glyph.ttf')
