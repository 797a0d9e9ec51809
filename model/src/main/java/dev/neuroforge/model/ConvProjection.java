package dev.neuroforge.model;

/**
 * A 2-D convolution with optional sum pooling. Neurons are laid out channel-major: source neuron
 * {@code i = (c * inHeight + y) * inWidth + x}, target {@code j = (o * outHeight + v) * outWidth + u}.
 * Without pooling, target (o, v, u) sums {@code kernels[o][c][ky][kx]} times source
 * {@code (c, v * stride - padding + ky, u * stride - padding + kx)}; sources outside the input
 * (the zero padding) contribute nothing. {@code convHeight = (inHeight + 2 padding - kernel) / stride + 1}.
 *
 * <p>Sum pooling ({@code pool = p > 1}) adds up the convolution outputs over non-overlapping
 * p x p windows (stride p) before they reach the target: target (o, v, u) receives conv outputs
 * (o, v p + a, u p + b) for a, b in 0..p-1, so {@code outHeight = convHeight / p} (rows and
 * columns left over are dropped). Sum pooling is linear, so it is exactly one synapse per
 * (source, target) pair whose weight is the sum of the kernel weights over the window positions
 * the source reaches, and it holds for graded (sigma-delta) events as well as spikes. Max pooling
 * is not linear (the max of changes is not the change of the max) and is not offered.
 *
 * @param pool       sum-pooling window and stride, 1 (none) up to the convolution output size
 * @param kernels    {@code [outChannels][inChannels][kernel][kernel]} weights within {@code weightBits}
 * @param axonDelays null, or one delay per source neuron (then {@code delay} must be 0)
 */
public record ConvProjection(String from, String to, int weightBits, int delay, int inChannels, int inHeight,
        int inWidth, int outChannels, int kernel, int stride, int padding, int pool, int[][][][] kernels,
        int[] axonDelays) implements Projection {
    public ConvProjection {
        Check.notNull("from", from);
        Check.notNull("to", to);
        Projection.checkWeightBits(weightBits);
        Projection.checkAxonDelays(delay, axonDelays);
        Check.range("inChannels", inChannels, 1, 4096);
        Check.range("inHeight", inHeight, 1, 4096);
        Check.range("inWidth", inWidth, 1, 4096);
        Check.range("outChannels", outChannels, 1, 4096);
        Check.range("kernel", kernel, 1, Math.min(inHeight, inWidth) + 2 * padding);
        Check.range("stride", stride, 1, 64);
        Check.range("padding", padding, 0, kernel - 1);
        Check.range("pool", pool, 1, Math.min((inHeight + 2 * padding - kernel) / stride + 1,
                (inWidth + 2 * padding - kernel) / stride + 1));
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

    /** A convolution without pooling and with one delay. */
    public ConvProjection(String from, String to, int weightBits, int delay, int inChannels, int inHeight,
            int inWidth, int outChannels, int kernel, int stride, int padding, int[][][][] kernels) {
        this(from, to, weightBits, delay, inChannels, inHeight, inWidth, outChannels, kernel, stride, padding, 1,
                kernels, null);
    }

    /** Height of the convolution output before pooling. */
    public int convHeight() {
        return (inHeight + 2 * padding - kernel) / stride + 1;
    }

    /** Width of the convolution output before pooling. */
    public int convWidth() {
        return (inWidth + 2 * padding - kernel) / stride + 1;
    }

    /** Height of the target population (after pooling). */
    public int outHeight() {
        return convHeight() / pool;
    }

    /** Width of the target population (after pooling). */
    public int outWidth() {
        return convWidth() / pool;
    }

    @Override
    public int delay(int i, int j) {
        return axonDelays != null ? axonDelays[i] : delay;
    }

    @Override
    public boolean uniformDelay() {
        return axonDelays == null;
    }

    @Override
    public int[] distinctDelays() {
        return axonDelays != null ? Projection.distinct(axonDelays) : new int[] {delay};
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
                    + outChannels + " x " + outHeight() + " x " + outWidth() + " needs " + out
                    + (pool > 1 ? " (after " + pool + " x " + pool + " sum pooling)" : ""));
        }
        if (axonDelays != null && axonDelays.length != src.size()) {
            throw Check.fail(at + ".delay has " + axonDelays.length + " per-axon delays; must be " + src.size()
                    + " (the size of " + src.name() + ")");
        }
    }

    @Override
    public boolean connects(int i, int j) {
        return window(i, j) != null;
    }

    @Override
    public int weight(int i, int j) {
        int[] w = window(i, j);
        return w == null ? 0 : w[0];
    }

    /**
     * {weight} of source i to target j: the sum of the kernel weights over the conv positions of
     * j's pooling window that i reaches; null when it reaches none.
     */
    private int[] window(int i, int j) {
        int c = i / (inHeight * inWidth);
        int y = i / inWidth % inHeight;
        int x = i % inWidth;
        int oh = outHeight();
        int ow = outWidth();
        int o = j / (oh * ow);
        int pv = j / ow % oh;
        int pu = j % ow;
        boolean any = false;
        int sum = 0;
        for (int a = 0; a < pool; a++) {
            for (int b = 0; b < pool; b++) {
                int v = pv * pool + a;
                int u = pu * pool + b;
                int ky = y - (v * stride - padding);
                int kx = x - (u * stride - padding);
                if (ky >= 0 && ky < kernel && kx >= 0 && kx < kernel) {
                    any = true;
                    sum += kernels[o][c][ky][kx];
                }
            }
        }
        return any ? new int[] {sum} : null;
    }

    @Override
    public void forEachTarget(int i, Target t) {
        int c = i / (inHeight * inWidth);
        int y = i / inWidth % inHeight;
        int x = i % inWidth;
        int oh = outHeight();
        int ow = outWidth();
        int[] js = pool > 1 ? new int[kernel * kernel] : null;
        int[] ws = pool > 1 ? new int[kernel * kernel] : null;
        for (int o = 0; o < outChannels; o++) {
            int[][] k = kernels[o][c];
            int n = 0;
            for (int ky = 0; ky < kernel; ky++) {
                int vs = y + padding - ky;
                if (vs < 0 || vs % stride != 0 || vs / stride / pool >= oh) {
                    continue;
                }
                int v = vs / stride / pool;
                for (int kx = 0; kx < kernel; kx++) {
                    int us = x + padding - kx;
                    if (us < 0 || us % stride != 0 || us / stride / pool >= ow) {
                        continue;
                    }
                    int j = (o * oh + v) * ow + us / stride / pool;
                    if (pool == 1) {
                        t.add(j, k[ky][kx]);
                        continue;
                    }
                    int m = 0;
                    while (m < n && js[m] != j) {
                        m++;
                    }
                    if (m == n) {
                        js[n] = j;
                        ws[n++] = 0;
                    }
                    ws[m] += k[ky][kx];
                }
            }
            for (int m = 0; m < n; m++) {
                t.add(js[m], ws[m]);
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
