package dev.neuroforge.verif.noc;

import dev.neuroforge.generator.noc.MeshParams;
import dev.neuroforge.generator.noc.PacketFormat;
import dev.neuroforge.generator.noc.Port;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Golden model of delivery on a mesh, from the NoC contract (docs/noc.md): a packet injected at
 * any node arrives, whole and unchanged, at the node its head flit names, along the XY path,
 * after every earlier packet of the same (source, destination) flow. A destination outside the
 * mesh is not delivered anywhere and raises the mesh's misroute flag. Knows nothing of the RTL.
 */
public final class MeshModel {
    private final MeshParams mesh;

    public MeshModel(MeshParams mesh) {
        this.mesh = mesh;
    }

    public MeshParams mesh() {
        return mesh;
    }

    /** Where a packet goes: a node index, or -1 when the head names a node outside the mesh. */
    public int destination(List<BigInteger> flits) {
        int x = PacketFormat.dstX(flits.get(0));
        int y = PacketFormat.dstY(flits.get(0));
        return x < mesh.cols() && y < mesh.rows() ? mesh.node(x, y) : -1;
    }

    /** The nodes an XY-routed packet visits from {@code src} to {@code dst}, both included. */
    public List<Integer> path(int src, int dst) {
        int x = src % mesh.cols();
        int y = src / mesh.cols();
        int dx = dst % mesh.cols();
        int dy = dst / mesh.cols();
        List<Integer> nodes = new ArrayList<>();
        nodes.add(src);
        Port p;
        while ((p = Port.routeXY(x, y, dx, dy)) != Port.LOCAL) {
            x += p.dx();
            y += p.dy();
            nodes.add(mesh.node(x, y));
        }
        return nodes;
    }

    /** Router-to-router hops from {@code src} to {@code dst}. */
    public int hops(int src, int dst) {
        return Math.abs(src % mesh.cols() - dst % mesh.cols()) + Math.abs(src / mesh.cols() - dst / mesh.cols());
    }
}
