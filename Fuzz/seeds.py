#!/usr/bin/env python3
"""Writes the seeds that are cut from or built around the repo's real data (run from Fuzz/).
Copied as they are: the .pt/.safetensors fixtures, the DataPipeline PNG/JPEG fixtures; the .h5 seeds
are the .pt fixtures converted with convert-checkpoint. Made here: small valid IDX files from MNIST's
test set (the real ones are 10 MB), 1-2 record CIFAR files, the head of the JPEG sample's CSV, and PNG
variants (bit depths, colour types, ancillary chunks) that mutation can't reach because libpng checks
every chunk's CRC."""
import gzip, json, struct, zlib

REPO = '..'

def idx_seeds():
    images = gzip.open(f'{REPO}/data/MNIST/raw/t10k-images-idx3-ubyte.gz').read()
    labels = gzip.open(f'{REPO}/data/MNIST/raw/t10k-labels-idx1-ubyte.gz').read()
    def files(n):
        return (struct.pack('>IIII', 2051, n, 28, 28) + images[16:16 + n * 784], struct.pack('>II', 2049, n) + labels[8:8 + n])
    def seed(mode, a, b):  # fuzz-idx's input: mode byte, big-endian images length, images, labels
        return bytes([mode]) + struct.pack('>I', len(a)) + a + b
    im, lb = files(3)
    open('fuzz-idx/corpus/plain-3', 'wb').write(seed(0, im, lb))
    open('fuzz-idx/corpus/gzip-3', 'wb').write(seed(3, gzip.compress(im, mtime=0), gzip.compress(lb, mtime=0)))
    open('fuzz-idx/corpus/plain-1', 'wb').write(seed(0, *files(1)))

def cifar_seeds():
    train = open(f'{REPO}/data/cifar10-sample/data_batch_1_first4000.bin', 'rb').read()
    test = open(f'{REPO}/data/cifar10-sample/test_batch_first1000.bin', 'rb').read()
    open('fuzz-cifar/corpus/train-2records', 'wb').write(train[:2 * 3073])
    open('fuzz-cifar/corpus/test-1record', 'wb').write(test[:3073])
    # CIFAR-100's layout (coarse, fine label bytes) around the first two test records' pixels
    records = [test[i * 3073:(i + 1) * 3073] for i in range(2)]
    open('fuzz-cifar/corpus/cifar100-2records', 'wb').write(b''.join(bytes([r[0] // 2, r[0] * 7]) + r[1:] for r in records))

def csv_seeds():
    lines = open(f'{REPO}/data/cifar10-jpeg-sample/annotations.csv').read().splitlines()
    open('fuzz-csv/corpus/annotations-head.csv', 'w').write('\n'.join(lines[:4]) + '\n')
    # names fuzz-csv's image folder holds, a quoted name with quotes, a blank line; LF and CRLF
    rows = ['image,label', 'a.png,3', '"b.jpg",7', '', '"a ""quoted"", name.png", -2', '']
    open('fuzz-csv/corpus/folder-images.csv', 'w', newline='').write('\r\n'.join(rows))
    open('fuzz-csv/corpus/folder-images-lf.csv', 'w', newline='').write('\n'.join(rows))

def png_seeds():
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))
    def png(w, h, depth, colour, rows, extra=b''):
        header = chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, depth, colour, 0, 0, 0))
        data = chunk(b'IDAT', zlib.compress(b''.join(b'\x00' + r for r in rows)))
        return b'\x89PNG\r\n\x1a\n' + header + extra + data + chunk(b'IEND', b'')
    out = 'fuzz-png/corpus/'
    open(out + 'rgb16-gama.png', 'wb').write(png(3, 2, 16, 2, [bytes(range(i * 18, i * 18 + 18)) for i in range(2)], chunk(b'gAMA', struct.pack('>I', 45455))))
    open(out + 'gray1.png', 'wb').write(png(9, 2, 1, 0, [b'\xa5\x80', b'\x5a\x00']))
    open(out + 'gray-alpha.png', 'wb').write(png(2, 2, 8, 4, [b'\x10\xff\x20\x80', b'\x30\x00\x40\x40']))
    palette = chunk(b'PLTE', b'\xff\x00\x00\x00\xff\x00\x00\x00\xff') + chunk(b'tRNS', b'\x80')
    open(out + 'palette4-trns.png', 'wb').write(png(3, 1, 4, 3, [b'\x01\x20'], palette))

def safetensors_seeds():
    header = json.dumps({'__metadata__': {'format': 'pt'}, 'a': {'dtype': 'F32', 'shape': [2], 'data_offsets': [0, 8]},
                         'b': {'dtype': 'I64', 'shape': [], 'data_offsets': [8, 16]}}, separators=(',', ':')).encode()
    header += b' ' * ((8 - len(header) % 8) % 8)
    open('fuzz-safetensors/corpus/metadata.safetensors', 'wb').write(struct.pack('<Q', len(header)) + header + struct.pack('<ffq', 1.5, -2.0, 7))

for make in (idx_seeds, cifar_seeds, csv_seeds, png_seeds, safetensors_seeds):
    make()
