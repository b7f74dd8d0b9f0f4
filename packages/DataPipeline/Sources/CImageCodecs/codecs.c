#include "CImageCodecs.h"

#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <jpeglib.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

void cic_free(void *pointer) { free(pointer); }

static void set_error(char *error, size_t error_len, const char *message) {
    if (error_len == 0) return;
    snprintf(error, error_len, "%s", message);
}

// Pillow's decompression-bomb limit (2 * Image.MAX_IMAGE_PIXELS): a header may declare up to
// 65,535 x 65,535 (JPEG) or 1,000,000 x 1,000,000 (libpng) pixels in a few bytes, and the output buffer
// is allocated before a single row is read (a 12.9 GB malloc for an 800-byte JPEG).
#define CIC_MAX_PIXELS 178956970ULL

static int too_many_pixels(unsigned long long width, unsigned long long height, char *error, size_t error_len) {
    if (width * height <= CIC_MAX_PIXELS) return 0;
    snprintf(error, error_len, "image of %llux%llu pixels exceeds the limit of %llu pixels (decompression bomb)", width,
             height, CIC_MAX_PIXELS);
    return 1;
}

// MARK: PNG (libpng's simplified API keeps its longjmp internal and reports through `message`).

int cic_decode_png(const uint8_t *data, size_t length, cic_image *out, char *error, size_t error_len) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_memory(&image, data, length)) {
        set_error(error, error_len, image.message);
        return 1;
    }
    if (too_many_pixels(image.width, image.height, error, error_len)) {
        png_image_free(&image);
        return 1;
    }
    // Keep grey as L, everything else RGB(A); 16-bit and palettes are reduced to 8-bit like PIL's
    // convert("RGB"). Alpha is kept so the caller can drop it.
    int has_alpha = (image.format & PNG_FORMAT_FLAG_ALPHA) != 0;
    int is_color = (image.format & PNG_FORMAT_FLAG_COLOR) != 0;
    if (is_color)
        image.format = has_alpha ? PNG_FORMAT_RGBA : PNG_FORMAT_RGB;
    else
        image.format = has_alpha ? PNG_FORMAT_GA : PNG_FORMAT_GRAY;
    // sRGB-to-linear conversion would change values; the 8-bit formats above keep the file's values.
    size_t size = PNG_IMAGE_SIZE(image);
    uint8_t *buffer = malloc(size ? size : 1);
    if (!buffer) {
        png_image_free(&image);
        set_error(error, error_len, "out of memory");
        return 1;
    }
    if (!png_image_finish_read(&image, NULL, buffer, 0, NULL)) {
        set_error(error, error_len, image.message);
        free(buffer);
        png_image_free(&image);
        return 1;
    }
    out->pixels = buffer;
    out->width = (int)image.width;
    out->height = (int)image.height;
    out->channels = (int)PNG_IMAGE_SAMPLE_CHANNELS(image.format);
    return 0;
}

int cic_encode_png(const uint8_t *pixels, int width, int height, int channels, uint8_t **out, size_t *out_length,
                   char *error, size_t error_len) {
    png_image image;
    memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    image.width = (png_uint_32)width;
    image.height = (png_uint_32)height;
    switch (channels) {
    case 1:
        image.format = PNG_FORMAT_GRAY;
        break;
    case 3:
        image.format = PNG_FORMAT_RGB;
        break;
    case 4:
        image.format = PNG_FORMAT_RGBA;
        break;
    default:
        set_error(error, error_len, "PNG: channels must be 1, 3 or 4");
        return 1;
    }
    // First call sizes the output, second writes it.
    png_alloc_size_t size = 0;
    if (!png_image_write_to_memory(&image, NULL, &size, 0, pixels, 0, NULL)) {
        set_error(error, error_len, image.message);
        return 1;
    }
    uint8_t *buffer = malloc(size ? size : 1);
    if (!buffer) {
        set_error(error, error_len, "out of memory");
        return 1;
    }
    if (!png_image_write_to_memory(&image, buffer, &size, 0, pixels, 0, NULL)) {
        set_error(error, error_len, image.message);
        free(buffer);
        return 1;
    }
    *out = buffer;
    *out_length = size;
    return 0;
}

// MARK: JPEG (libjpeg-turbo; errors longjmp back here).

struct cic_jpeg_error {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
};

static void cic_jpeg_error_exit(j_common_ptr cinfo) {
    struct cic_jpeg_error *err = (struct cic_jpeg_error *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, err->message);
    longjmp(err->jump, 1);
}

// Corrupt-data warnings (e.g. premature end of data) are errors for us: a silently grey image is
// a wrong value.
static void cic_jpeg_emit_message(j_common_ptr cinfo, int level) {
    if (level < 0) cic_jpeg_error_exit(cinfo);
}

int cic_decode_jpeg(const uint8_t *data, size_t length, cic_image *out, char *error, size_t error_len) {
    struct jpeg_decompress_struct cinfo;
    struct cic_jpeg_error jerr;
    uint8_t *volatile buffer = NULL;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&jerr.base);
    jerr.base.error_exit = cic_jpeg_error_exit;
    jerr.base.emit_message = cic_jpeg_emit_message;
    if (setjmp(jerr.jump)) {
        set_error(error, error_len, jerr.message);
        jpeg_destroy_decompress(&cinfo);
        free(buffer);
        return 1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, (const unsigned char *)data, (unsigned long)length);
    jpeg_read_header(&cinfo, TRUE);
    if (too_many_pixels(cinfo.image_width, cinfo.image_height, jerr.message, sizeof jerr.message))
        longjmp(jerr.jump, 1);
    // PIL decodes grey JPEGs as L and everything else (YCbCr/RGB) as RGB; CMYK is not supported here.
    if (cinfo.jpeg_color_space == JCS_GRAYSCALE)
        cinfo.out_color_space = JCS_GRAYSCALE;
    else if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
        snprintf(jerr.message, sizeof jerr.message, "CMYK JPEG is not supported");
        longjmp(jerr.jump, 1);
    } else
        cinfo.out_color_space = JCS_RGB;
    // PIL's defaults: islow DCT, fancy upsampling on.
    cinfo.dct_method = JDCT_ISLOW;
    cinfo.do_fancy_upsampling = TRUE;
    jpeg_start_decompress(&cinfo);
    size_t row = (size_t)cinfo.output_width * (size_t)cinfo.output_components;
    buffer = malloc(row * cinfo.output_height + 1);
    if (!buffer) {
        snprintf(jerr.message, sizeof jerr.message, "out of memory");
        longjmp(jerr.jump, 1);
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW rows[1] = {buffer + row * cinfo.output_scanline};
        jpeg_read_scanlines(&cinfo, rows, 1);
    }
    jpeg_finish_decompress(&cinfo);
    out->pixels = buffer;
    out->width = (int)cinfo.output_width;
    out->height = (int)cinfo.output_height;
    out->channels = cinfo.output_components;
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

// MARK: gzip

int cic_gunzip(const uint8_t *data, size_t length, uint8_t **out, size_t *out_length, char *error, size_t error_len) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 15 + 32: accept gzip or zlib headers.
    if (inflateInit2(&stream, 15 + 32) != Z_OK) {
        set_error(error, error_len, "inflateInit2 failed");
        return 1;
    }
    size_t capacity = length * 4 + 1024, used = 0;
    uint8_t *buffer = malloc(capacity);
    stream.next_in = (Bytef *)data;
    stream.avail_in = (uInt)length;
    int status = Z_OK;
    while (buffer) {
        if (used == capacity) {
            capacity *= 2;
            uint8_t *grown = realloc(buffer, capacity);
            if (!grown) {
                free(buffer);
                buffer = NULL;
                break;
            }
            buffer = grown;
        }
        stream.next_out = buffer + used;
        stream.avail_out = (uInt)(capacity - used);
        status = inflate(&stream, Z_NO_FLUSH);
        used = capacity - stream.avail_out;
        if (status == Z_STREAM_END) {
            // Concatenated gzip members: continue with the next one, like gzip -d.
            if (stream.avail_in > 0) {
                inflateReset(&stream);
                continue;
            }
            break;
        }
        if (status == Z_BUF_ERROR && stream.avail_in == 0) {
            set_error(error, error_len, "unexpected end of compressed data (truncated file)");
            free(buffer);
            inflateEnd(&stream);
            return 1;
        }
        if (status != Z_OK && status != Z_BUF_ERROR) {
            set_error(error, error_len, stream.msg ? stream.msg : "corrupt compressed data");
            free(buffer);
            inflateEnd(&stream);
            return 1;
        }
    }
    inflateEnd(&stream);
    if (!buffer) {
        set_error(error, error_len, "out of memory");
        return 1;
    }
    *out = buffer;
    *out_length = used;
    return 0;
}
