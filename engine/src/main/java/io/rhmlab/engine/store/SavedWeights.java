package io.rhmlab.engine.store;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rhmlab.dsl.InvalidSpecException;
import io.rhmlab.dsl.experiment.RunSpec;
import io.rhmlab.engine.net.MemberWeights;
import io.rhmlab.engine.net.NetLayout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A trained network kept on disk, so that it can be measured later without training it again (the reference code
 * pickles its initial, best and final state dicts; docs/last-token.md §5). One folder per run, named by the run's
 * short key: {@code spec.json} (the full spec, its key, the versions that trained it), {@code initial.ndlist} and
 * {@code final.ndlist} in DJL's NDList format ({@link NDList#encode}, read back by {@link NDList#decode}), one named
 * array per parameter tensor in {@link NetLayout#parameterShapes()} order.
 *
 * @param dir     the run's folder
 * @param key     the run key under which the store keeps its results
 * @param spec    the run
 * @param initial the weights it started from
 * @param trained the weights it ended with
 */
public record SavedWeights(Path dir, String key, RunSpec spec, MemberWeights initial, MemberWeights trained) {

    static final String SPEC = "spec.json", INITIAL = "initial.ndlist", FINAL = "final.ndlist";

    /** Writes one run's weights under {@code root}; returns its folder. */
    public static Path write(Path root, RunSpec spec, NetLayout layout, MemberWeights initial, MemberWeights trained) {
        String key = RunKey.of(spec);
        Path dir = root.resolve(RunKey.shortId(key));
        try {
            Files.createDirectories(dir);
            ObjectNode json = SpecJson.mapper().createObjectNode();
            json.put("key", key);
            json.put("resultsSemantics", RunKey.semanticsOf(spec));
            json.set("versions", SpecJson.mapper().valueToTree(RunVersions.current()));
            json.set("tensors", SpecJson.mapper().valueToTree(names(layout)));
            json.set("spec", SpecJson.mapper().valueToTree(spec));
            // written last and atomically: a folder with a spec.json holds both weight files
            writeList(dir.resolve(INITIAL), layout, initial);
            writeList(dir.resolve(FINAL), layout, trained);
            Path tmp = dir.resolve(SPEC + ".tmp");
            Files.writeString(tmp, SpecJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(json));
            Files.move(tmp, dir.resolve(SPEC), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the weights of run " + RunKey.shortId(key) + " to " + dir, e);
        }
    }

    /** The run saved in {@code dir} (a folder written by {@link #write}). */
    public static SavedWeights read(Path dir) {
        Path specFile = dir.resolve(SPEC);
        InvalidSpecException.require(Files.isRegularFile(specFile), "weights", dir + " holds no " + SPEC
                + ": not a folder of saved weights (train --save-weights DIR writes one per run)");
        try {
            JsonNode json = SpecJson.mapper().readTree(Files.readString(specFile));
            RunSpec spec = SpecJson.mapper().treeToValue(json.get("spec"), RunSpec.class);
            String key = json.get("key").asText();
            int semantics = json.path("resultsSemantics").asInt(RunKey.semanticsOf(spec));
            InvalidSpecException.require(RunKey.of(spec, semantics).equals(key), "weights", dir + ": the spec does not hash to "
                    + "its recorded key (edited by hand, or written by a build with other keys)");
            NetLayout layout = NetLayout.of(spec.hierarchy(), spec.taskOrClassify(), spec.architecture());
            return new SavedWeights(dir, key, spec, readList(dir.resolve(INITIAL), layout), readList(dir.resolve(FINAL), layout));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved weights in " + dir, e);
        }
    }

    /** Every run saved under {@code root} (the folder itself, or its sub-folders), in folder-name order. */
    public static List<SavedWeights> readAll(Path root) {
        if (Files.isRegularFile(root.resolve(SPEC))) return List.of(read(root));
        InvalidSpecException.require(Files.isDirectory(root), "weights", root + " is not a folder");
        try (Stream<Path> dirs = Files.list(root)) {
            List<SavedWeights> out = new ArrayList<>();
            for (Path d : dirs.filter(d -> Files.isRegularFile(d.resolve(SPEC))).sorted().toList()) out.add(read(d));
            InvalidSpecException.require(!out.isEmpty(), "weights", root + " holds no saved runs");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tensor names in storage order, e.g. {@code layer1.weight}, {@code readout}; the transformer's by role. */
    static List<String> names(NetLayout layout) {
        List<String> out = new ArrayList<>();
        int count = layout.parameterShapes().size();
        if (layout.kind() == io.rhmlab.dsl.net.Kind.TRANSFORMER) {
            out.add("embedding");
            out.add("positions");
            for (int l = 1; l <= layout.layers().size(); l++) {
                out.add("layer" + l + ".qkv");
                out.add("layer" + l + ".output");
            }
        } else {
            for (int l = 1; l <= layout.layers().size(); l++) {
                out.add("layer" + l + ".weight");
                if (layout.hasBias()) out.add("layer" + l + ".bias");
            }
        }
        out.add("readout");
        if (out.size() != count) throw new IllegalStateException("named " + out.size() + " of " + count + " tensors");
        return out;
    }

    private static void writeList(Path file, NetLayout layout, MemberWeights w) throws IOException {
        List<String> names = names(layout);
        io.rhmlab.engine.train.Offline.ensure();   // a path into the engine: offline and MKL's mode first
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu()); OutputStream os = Files.newOutputStream(file)) {
            NDList list = new NDList();
            for (int i = 0; i < w.values().size(); i++) {
                NDArray a = m.create(w.values().get(i), new Shape(w.shapes().get(i)));
                a.setName(names.get(i));
                list.add(a);
            }
            list.encode(os);
        }
    }

    private static MemberWeights readList(Path file, NetLayout layout) throws IOException {
        List<long[]> shapes = layout.parameterShapes();
        io.rhmlab.engine.train.Offline.ensure();   // a path into the engine: offline and MKL's mode first
        try (NDManager m = NDManager.newBaseManager(ai.djl.Device.cpu()); InputStream is = Files.newInputStream(file)) {
            NDList list = NDList.decode(m, is);
            InvalidSpecException.require(list.size() == shapes.size(), "weights", file + " holds " + list.size()
                    + " tensors, the network has " + shapes.size());
            List<float[]> values = new ArrayList<>();
            for (int i = 0; i < shapes.size(); i++) {
                InvalidSpecException.require(java.util.Arrays.equals(list.get(i).getShape().getShape(), shapes.get(i)), "weights",
                        file + ": tensor " + i + " has shape " + list.get(i).getShape() + ", the network expects "
                                + new Shape(shapes.get(i)));
                values.add(list.get(i).toFloatArray());
            }
            return new MemberWeights(shapes, values);
        }
    }
}
