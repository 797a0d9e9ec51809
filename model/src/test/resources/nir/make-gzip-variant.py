# Writes a copy of a NIR file with every numeric array chunked (one chunk) and gzip level 4, as the
# unreleased nir main branch writes them (../shared/nir/NIR-FORMAT.md). Made with Debian python3-h5py 3.7.0:
#   python3 make-gzip-variant.py ../../../../../../shared/nir/b_lif_2layer.nir b_lif_2layer.gzip.nir
import h5py, sys, numpy as np
src, dst = sys.argv[1], sys.argv[2]
with h5py.File(src, 'r') as a, h5py.File(dst, 'w') as b:
    def copy(g_in, g_out):
        for k, v in g_in.items():
            if isinstance(v, h5py.Group):
                copy(v, g_out.create_group(k))
            else:
                data = v[()]
                if isinstance(data, np.ndarray) and data.dtype.kind in 'fiu' and data.ndim > 0 and data.size > 0:
                    g_out.create_dataset(k, data=data, chunks=data.shape, compression='gzip', compression_opts=4)
                else:
                    g_out.create_dataset(k, data=data, dtype=v.dtype)
    copy(a, b)
