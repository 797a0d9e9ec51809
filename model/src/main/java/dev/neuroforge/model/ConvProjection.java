package dev.neuroforge.model;

/**
 * A 2-D convolution. Neurons are laid out channel-major: source neuron
 * {@code i = (c * inHeight + y) * inWidth + x}, target {@code j = (o * outHeight + v) * outWidth + u}.
 * Target (o, v, u) sums {@code kernels[o][c][ky][kx]} times source
 * {@code (c, v * stride - padding + ky, u * stride - padding + kx)}; sources outside the input
 * (the zero padding) contribute nothing. {@code outHeight = (inHeight + 2 padding - kernel) / stride + 1}.
 *
 * @param kernels {@code [outChannels][inChannels][kernel][kernel]} weights within {@code weightBits}
 */
public record ConvProjection(String from, String to, int weightBits, int delay, int inChannels, int inHeight,
        int inWidth, int outChannels, int kernel, int stride, int padding, int[][][][] kernels) implements Projection {
    public ConvProjection {
        Check.notNull("from", from);
        Check.notNull("to", to);
        Projection.checkWeightBits(weightBits);
        Check.range("delay", delay, 0, Projection.MAX_DELAY);
        Check.range("inChannels", inChannels, 1, 4096);
        Check.range("inHeight", inHeight, 1, 4096);
        Check.range("inWidth", inWidth, 1, 4096);
        Check.range("outChannels", outChannels, 1, 4096);
        Check.range("kernel", kernel, 1, Math.min(inHeight, inWidth) + 2 * padding);
        Check.range("stride", stride, 1, 64);
        Check.range("padding", padding, 0, kernel - 1);
        Check.notNull("kernels", kernels);
        if (kernels.length != outChannels) {
            throw Check.fail("kernels has " + kernels.length + " output channels; must be outChannels = " + outChannels);
        }
        long lo = Sat.min(weightBits);
        long hi = Sat.max(weightBits);
        for (int o = 0; o < outChannels; o++) {
            if (kernels[o].length != inChannels) {
                throw Check.fail("kernels[" + o + "] has " + kernels[o].length + " input channels; must be " + inChannels);
            }
            for (int c = 0; c < inChannels; c++) {
                if (kernels[o][c].length != kernel) {
                    throw Check.fail("kernels[" + o + "][" + c + "] has " + kernels[o][c].length + " rows; must be " + kernel);
                }
                for (int ky = 0; ky < kernel; ky++) {
                    if (kernels[o][c][ky].length != kernel) {
                        throw Check.fail("kernels[" + o + "][" + c + "][" + ky + "] has " + kernels[o][c][ky].length
                                + " columns; must be " + kernel);
                    }
                    for (int kx = 0; kx < kernel; kx++) {
                        int w = kernels[o][c][ky][kx];
                        if (w < lo || w > hi) {
                            throw Check.fail("kernels[" + o + "][" + c + "][" + ky + "][" + kx + "] = " + w
                                    + " is not allowed: must be in " + lo + ".." + hi + " for weightBits = " + weightBits);
                        }
                    }
                }
            }
        }
    }

    public int outHeight() {
        return (inHeight + 2 * padding - kernel) / stride + 1;
    }

    public int outWidth() {
        return (inWidth + 2 * padding - kernel) / stride + 1;
    }

    @Override
    public void validate(Population src, Population dst, String at) {
        if (src.size() != inChannels * inHeight * inWidth) {
            throw Check.fail(at + ": " + src.name() + " has " + src.size() + " neurons; the input shape "
                    + inChannels + " x " + inHeight + " x " + inWidth + " needs " + inChannels * inHeight * inWidth);
        }
        int out = outChannels * outHeight() * outWidth();
        if (dst.size() != out) {
            throw Check.fail(at + ": " + dst.name() + " has " + dst.size() + " neurons; the output shape "
                    + outChannels + " x " + outHeight() + " x " + outWidth() + " needs " + out);
        }
    }

    @Override
    public boolean connects(int i, int j) {
        return kernelIndex(i, j) != null;
    }

    @Override
    public int weight(int i, int j) {
        int[] k = kernelIndex(i, j);
        return k == null ? 0 : kernels[k[0]][k[1]][k[2]][k[3]];
    }

    /** {o, c, ky, kx} linking source i to target j, or null. */
    private int[] kernelIndex(int i, int j) {
        int c = i / (inHeight * inWidth);
        int y = i / inWidth % inHeight;
        int x = i % inWidth;
        int oh = outHeight();
        int ow = outWidth();
        int o = j / (oh * ow);
        int v = j / ow % oh;
        int u = j % ow;
        int ky = y - (v * stride - padding);
        int kx = x - (u * stride - padding);
        return ky >= 0 && ky < kernel && kx >= 0 && kx < kernel ? new int[] {o, c, ky, kx} : null;
    }

    @Override
    public void forEachTarget(int i, Target t) {
        int c = i / (inHeight * inWidth);
        int y = i / inWidth % inHeight;
        int x = i % inWidth;
        int oh = outHeight();
        int ow = outWidth();
        for (int o = 0; o < outChannels; o++) {
            int[][] k = kernels[o][c];
            for (int ky = 0; ky < kernel; ky++) {
                int vs = y + padding - ky;
                if (vs < 0 || vs % stride != 0 || vs / stride >= oh) {
                    continue;
                }
                int v = vs / stride;
                for (int kx = 0; kx < kernel; kx++) {
                    int us = x + padding - kx;
                    if (us < 0 || us % stride != 0 || us / stride >= ow) {
                        continue;
                    }
                    t.add((o * oh + v) * ow + us / stride, k[ky][kx]);
                }
            }
        }
    }

    @Override
    public long synapses() {
        long n = 0;
        for (int i = 0; i < inChannels * inHeight * inWidth; i++) {
            long[] count = {0};
            forEachTarget(i, (j, w) -> count[0]++);
            n += count[0];
        }
        return n;
    }
}
