package dev.neuroforge.model.workloads;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * The Fashion-MNIST images and labels (28 x 28 grey pixels, 10 classes) as Debian's package
 * {@code dataset-fashion-mnist} ships them: IDX files, gzipped, in
 * {@code /usr/share/datasets/fashion-mnist} (another folder with {@code -Dneuroforge.fashionMnist=DIR}).
 *
 * @param images {@code [n][784]} pixels 0..255, row-major
 * @param labels {@code [n]} classes 0..9
 */
public record FashionMnist(int[][] images, int[] labels) {
    public static final String DEFAULT_DIR = "/usr/share/datasets/fashion-mnist";

    public static Path dir() {
        return Path.of(System.getProperty("neuroforge.fashionMnist", DEFAULT_DIR));
    }

    /** The training set (60,000) or the test set (10,000), at most {@code limit} of them. */
    public static FashionMnist load(boolean train, int limit) {
        String p = train ? "train" : "t10k";
        Path images = dir().resolve(p + "-images-idx3-ubyte.gz");
        Path labels = dir().resolve(p + "-labels-idx1-ubyte.gz");
        if (!Files.exists(images) || !Files.exists(labels)) {
            throw new IllegalStateException("Fashion-MNIST not found: " + images + " is missing. Install Debian's package "
                    + "dataset-fashion-mnist (make deps, as root) or pass -Dneuroforge.fashionMnist=DIR");
        }
        try (DataInputStream in = open(images); DataInputStream lb = open(labels)) {
            check(in.readInt(), 2051, images);
            int n = Math.min(limit, in.readInt());
            int rows = in.readInt();
            int cols = in.readInt();
            check(lb.readInt(), 2049, labels);
            lb.readInt();
            int[][] img = new int[n][rows * cols];
            int[] lab = new int[n];
            byte[] buf = new byte[rows * cols];
            for (int i = 0; i < n; i++) {
                in.readFully(buf);
                for (int k = 0; k < buf.length; k++) {
                    img[i][k] = buf[k] & 0xFF;
                }
                lab[i] = lb.readUnsignedByte();
            }
            return new FashionMnist(img, lab);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read Fashion-MNIST from " + dir() + ": " + e.getMessage(), e);
        }
    }

    private static DataInputStream open(Path f) throws IOException {
        InputStream s = new GZIPInputStream(Files.newInputStream(f), 1 << 16);
        return new DataInputStream(new java.io.BufferedInputStream(s, 1 << 16));
    }

    private static void check(int magic, int expected, Path f) {
        if (magic != expected) {
            throw new IllegalStateException(f + ": IDX magic " + magic + "; expected " + expected);
        }
    }

    public int size() {
        return labels.length;
    }
}
