package dev.neuroforge.model.workloads;

import java.util.List;
import java.util.Random;

/**
 * A small feed-forward ANN in float, trained with minibatch SGD and momentum on softmax cross
 * entropy: the source of the weights the workloads convert to spiking networks. Layers have no
 * bias (the event model's projections have none); convolutions carry the same geometry as
 * {@link dev.neuroforge.model.ConvProjection}, sum pooling included, so the weights carry over
 * one to one.
 */
final class Ann {
    /** One layer: forward keeps what backward needs; backward accumulates weight gradients. */
    interface Layer {
        float[] forward(float[] x);

        float[] backward(float[] gy);

        void update(float lr, float momentum, int batch);
    }

    /** y[j] = sum_i w[i][j] x[i]. */
    static final class Dense implements Layer {
        final int n;
        final int m;
        final float[] w;
        private final float[] g;
        private final float[] vel;
        private float[] x;

        Dense(int n, int m, Random rnd) {
            this.n = n;
            this.m = m;
            w = new float[n * m];
            g = new float[n * m];
            vel = new float[n * m];
            float sd = (float) Math.sqrt(2.0 / n);
            for (int k = 0; k < w.length; k++) {
                w[k] = (float) rnd.nextGaussian() * sd;
            }
        }

        @Override
        public float[] forward(float[] in) {
            x = in;
            float[] y = new float[m];
            for (int i = 0; i < n; i++) {
                float xi = in[i];
                if (xi == 0) {
                    continue;
                }
                int base = i * m;
                for (int j = 0; j < m; j++) {
                    y[j] += w[base + j] * xi;
                }
            }
            return y;
        }

        @Override
        public float[] backward(float[] gy) {
            float[] gx = new float[n];
            for (int i = 0; i < n; i++) {
                int base = i * m;
                float xi = x[i];
                float s = 0;
                for (int j = 0; j < m; j++) {
                    s += w[base + j] * gy[j];
                    g[base + j] += xi * gy[j];
                }
                gx[i] = s;
            }
            return gx;
        }

        @Override
        public void update(float lr, float momentum, int batch) {
            step(w, g, vel, lr, momentum, batch);
        }

        int[][] quantized(double scale) {
            int[][] q = new int[n][m];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    q[i][j] = (int) Math.round(w[i * m + j] * scale);
                }
            }
            return q;
        }
    }

    /** 2-D convolution (channel-major layout, zero padding) followed by p x p sum pooling. */
    static final class Conv implements Layer {
        final int ic;
        final int h;
        final int wd;
        final int oc;
        final int k;
        final int stride;
        final int pad;
        final int pool;
        final int ch;
        final int cw;
        final int oh;
        final int ow;
        final float[] w;
        private final float[] g;
        private final float[] vel;
        private float[] x;

        Conv(int ic, int h, int wd, int oc, int k, int stride, int pad, int pool, Random rnd) {
            this.ic = ic;
            this.h = h;
            this.wd = wd;
            this.oc = oc;
            this.k = k;
            this.stride = stride;
            this.pad = pad;
            this.pool = pool;
            ch = (h + 2 * pad - k) / stride + 1;
            cw = (wd + 2 * pad - k) / stride + 1;
            oh = ch / pool;
            ow = cw / pool;
            w = new float[oc * ic * k * k];
            g = new float[w.length];
            vel = new float[w.length];
            float sd = (float) Math.sqrt(2.0 / (ic * k * k)) / pool;
            for (int q = 0; q < w.length; q++) {
                w[q] = (float) rnd.nextGaussian() * sd;
            }
        }

        int outSize() {
            return oc * oh * ow;
        }

        @Override
        public float[] forward(float[] in) {
            x = in;
            float[] y = new float[outSize()];
            for (int o = 0; o < oc; o++) {
                for (int v = 0; v < oh * pool; v++) {
                    for (int u = 0; u < ow * pool; u++) {
                        float s = 0;
                        for (int c = 0; c < ic; c++) {
                            for (int ky = 0; ky < k; ky++) {
                                int yy = v * stride - pad + ky;
                                if (yy < 0 || yy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < k; kx++) {
                                    int xx = u * stride - pad + kx;
                                    if (xx >= 0 && xx < wd) {
                                        s += w[((o * ic + c) * k + ky) * k + kx] * in[(c * h + yy) * wd + xx];
                                    }
                                }
                            }
                        }
                        y[(o * oh + v / pool) * ow + u / pool] += s;
                    }
                }
            }
            return y;
        }

        @Override
        public float[] backward(float[] gy) {
            float[] gx = new float[x.length];
            for (int o = 0; o < oc; o++) {
                for (int v = 0; v < oh * pool; v++) {
                    for (int u = 0; u < ow * pool; u++) {
                        float gz = gy[(o * oh + v / pool) * ow + u / pool];
                        if (gz == 0) {
                            continue;
                        }
                        for (int c = 0; c < ic; c++) {
                            for (int ky = 0; ky < k; ky++) {
                                int yy = v * stride - pad + ky;
                                if (yy < 0 || yy >= h) {
                                    continue;
                                }
                                for (int kx = 0; kx < k; kx++) {
                                    int xx = u * stride - pad + kx;
                                    if (xx >= 0 && xx < wd) {
                                        int wi = ((o * ic + c) * k + ky) * k + kx;
                                        int xi = (c * h + yy) * wd + xx;
                                        g[wi] += gz * x[xi];
                                        gx[xi] += gz * w[wi];
                                    }
                                }
                            }
                        }
                    }
                }
            }
            return gx;
        }

        @Override
        public void update(float lr, float momentum, int batch) {
            step(w, g, vel, lr, momentum, batch);
        }

        int[][][][] quantized(double scale) {
            int[][][][] q = new int[oc][ic][k][k];
            for (int o = 0; o < oc; o++) {
                for (int c = 0; c < ic; c++) {
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            q[o][c][ky][kx] = (int) Math.round(w[((o * ic + c) * k + ky) * k + kx] * scale);
                        }
                    }
                }
            }
            return q;
        }
    }

    /** max(0, x). */
    static final class Relu implements Layer {
        private float[] x;

        @Override
        public float[] forward(float[] in) {
            x = in;
            float[] y = new float[in.length];
            for (int i = 0; i < in.length; i++) {
                y[i] = Math.max(0, in[i]);
            }
            return y;
        }

        @Override
        public float[] backward(float[] gy) {
            float[] gx = new float[gy.length];
            for (int i = 0; i < gy.length; i++) {
                gx[i] = x[i] > 0 ? gy[i] : 0;
            }
            return gx;
        }

        @Override
        public void update(float lr, float momentum, int batch) {
        }
    }

    private static void step(float[] w, float[] g, float[] vel, float lr, float momentum, int batch) {
        for (int q = 0; q < w.length; q++) {
            vel[q] = momentum * vel[q] - lr * g[q] / batch;
            w[q] += vel[q];
            g[q] = 0;
        }
    }

    final List<Layer> layers;

    Ann(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    float[] forward(float[] x) {
        for (Layer l : layers) {
            x = l.forward(x);
        }
        return x;
    }

    static int argmax(float[] y) {
        int best = 0;
        for (int j = 1; j < y.length; j++) {
            if (y[j] > y[best]) {
                best = j;
            }
        }
        return best;
    }

    /** Pixels 0..255 to floats 0..1. */
    static float[] input(int[] pixels) {
        float[] x = new float[pixels.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = pixels[i] / 255f;
        }
        return x;
    }

    /** Minibatch SGD with momentum over the data set, shuffled with {@code seed}. */
    void train(FashionMnist data, int epochs, int batch, float lr, long seed) {
        Random rnd = new Random(seed);
        int n = data.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int e = 0; e < epochs; e++) {
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            float rate = lr / (1 + e);
            for (int s = 0; s < n; s++) {
                int idx = order[s];
                float[] y = forward(input(data.images()[idx]));
                float max = Float.NEGATIVE_INFINITY;
                for (float v : y) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                float[] p = new float[y.length];
                for (int j = 0; j < y.length; j++) {
                    p[j] = (float) Math.exp(y[j] - max);
                    sum += p[j];
                }
                for (int j = 0; j < y.length; j++) {
                    p[j] = (float) (p[j] / sum) - (j == data.labels()[idx] ? 1 : 0);
                }
                float[] gy = p;
                for (int l = layers.size() - 1; l >= 0; l--) {
                    gy = layers.get(l).backward(gy);
                }
                if ((s + 1) % batch == 0 || s == n - 1) {
                    for (Layer l : layers) {
                        l.update(rate, 0.9f, batch);
                    }
                }
            }
        }
    }

    /** Fraction of {@code data} classified right. */
    double accuracy(FashionMnist data) {
        int ok = 0;
        for (int i = 0; i < data.size(); i++) {
            ok += argmax(forward(input(data.images()[i]))) == data.labels()[i] ? 1 : 0;
        }
        return (double) ok / data.size();
    }
}
