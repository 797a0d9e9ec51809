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
 * mesh is not delivered anywhere and raises the mesh's misroute flag. A multicast packet (the
 * {@code multicast} router option) is delivered once to every node of its rectangle, along the XY
 * path from the source to that node (the branches of one XY tree); a rectangle reaching past the
 * mesh is delivered to its part inside the mesh and raises the misroute flag. Knows nothing of the
 * RTL.
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

    /**
     * Every node a packet goes to, in increasing node order: one node for a unicast head, the
     * rectangle's nodes inside the mesh for a multicast head.
     */
    public int[] destinations(List<BigInteger> flits) {
        BigInteger head = flits.get(0);
        if (!PacketFormat.isMulticast(head)) {
            int d = destination(flits);
            return d < 0 ? new int[0] : new int[] {d};
        }
        int xl = PacketFormat.dstX(head);
        int yl = PacketFormat.dstY(head);
        int xh = Math.min(PacketFormat.dstXHi(head), mesh.cols() - 1);
        int yh = Math.min(PacketFormat.dstYHi(head), mesh.rows() - 1);
        int[] out = new int[Math.max(0, xh - xl + 1) * Math.max(0, yh - yl + 1)];
        int i = 0;
        for (int y = yl; y <= yh; y++) {
            for (int x = xl; x <= xh; x++) {
                out[i++] = mesh.node(x, y);
            }
        }
        return out;
    }

    /** Whether some copy of the packet leaves the mesh through an edge (the misroute flag rises). */
    public boolean leavesMesh(List<BigInteger> flits) {
        BigInteger head = flits.get(0);
        return PacketFormat.dstXHi(head) >= mesh.cols() || PacketFormat.dstYHi(head) >= mesh.rows();
    }

    /**
     * The links a multicast tree uses, as {@code from * 5 + port ordinal} (unicast: the XY path):
     * the union of the XY paths from {@code src} to every destination. Each appears once, which is
     * what "never two copies of a packet on one link" means.
     */
    public java.util.SortedSet<Integer> treeLinks(int src, int[] dsts) {
        java.util.SortedSet<Integer> links = new java.util.TreeSet<>();
        for (int d : dsts) {
            List<Integer> p = path(src, d);
            for (int i = 0; i + 1 < p.size(); i++) {
                int a = p.get(i);
                int b = p.get(i + 1);
                Port dir = b == a + 1 ? Port.EAST : b == a - 1 ? Port.WEST : b > a ? Port.NORTH : Port.SOUTH;
                links.add(a * 5 + dir.ordinal());
            }
        }
        return links;
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
