// PNG/JPEG decoding, PNG encoding and gzip inflation for DataPipeline. libpng and libjpeg report errors by longjmp,
// which Swift cannot cross safely, so every call into them stays inside this C file and returns a
// status plus a message.
#ifndef CIMAGECODECS_H
#define CIMAGECODECS_H
#include <stddef.h>
#include <stdint.h>

/// A decoded 8-bit image: `pixels` is height*width*channels bytes, row-major HWC, malloc'ed
/// (release with cic_free). channels is 1 (L), 3 (RGB) or 4 (RGBA).
typedef struct {
    uint8_t *pixels;
    int width;
    int height;
    int channels;
} cic_image;

/// 0 on success; otherwise nonzero and `error` holds a message (NUL-terminated, at most error_len).
int cic_decode_png(const uint8_t *data, size_t length, cic_image *out, char *error, size_t error_len);
int cic_decode_jpeg(const uint8_t *data, size_t length, cic_image *out, char *error, size_t error_len);

/// Encodes 8-bit HWC pixels (1, 3 or 4 channels) as PNG into a malloc'ed buffer (release with cic_free).
int cic_encode_png(const uint8_t *pixels, int width, int height, int channels, uint8_t **out, size_t *out_length,
                   char *error, size_t error_len);

/// Inflates a gzip (or zlib) stream into a malloc'ed buffer.
int cic_gunzip(const uint8_t *data, size_t length, uint8_t **out, size_t *out_length, char *error, size_t error_len);

void cic_free(void *pointer);

#endif
