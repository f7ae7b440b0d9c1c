/* Writes the JPEG test images in this folder (built and run by hand:
 * cc make_jpegs.c -ljpeg && ./a.out; output committed). */
#include <stdio.h>
#include <jpeglib.h>

static void
write_jpeg(const char *path, int w, int h, int comps, J_COLOR_SPACE cs, int progressive)
{
	struct jpeg_compress_struct c;
	struct jpeg_error_mgr e;
	FILE *f = fopen(path, "wb");
	c.err = jpeg_std_error(&e);
	jpeg_create_compress(&c);
	jpeg_stdio_dest(&c, f);
	c.image_width = (JDIMENSION)w;
	c.image_height = (JDIMENSION)h;
	c.input_components = comps;
	c.in_color_space = cs;
	jpeg_set_defaults(&c);
	jpeg_set_quality(&c, 85, TRUE);
	if (progressive)
		jpeg_simple_progression(&c);
	jpeg_start_compress(&c, TRUE);
	unsigned char row[4 * 256];
	while (c.next_scanline < c.image_height) {
		int y = (int)c.next_scanline;
		for (int x = 0; x < w; x++)
			for (int k = 0; k < comps; k++)
				row[x * comps + k] =
				        (unsigned char)((x * 255 / w + y * 255 / h * k + 60 * k) &
				                        0xff);
		JSAMPROW r = row;
		jpeg_write_scanlines(&c, &r, 1);
	}
	jpeg_finish_compress(&c);
	jpeg_destroy_compress(&c);
	fclose(f);
}

int
main(void)
{
	write_jpeg("photo.jpg", 80, 60, 3, JCS_RGB, 0);
	write_jpeg("progressive.jpg", 40, 30, 3, JCS_RGB, 1);
	write_jpeg("cmyk.jpg", 40, 30, 4, JCS_CMYK, 0);
	write_jpeg("gray.jpg", 32, 32, 1, JCS_GRAYSCALE, 0);
	return 0;
}
