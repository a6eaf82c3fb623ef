package org.octt.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The files a command writes (reports, metrics): checked before anything runs, written at the end
 * through a temporary file in the same folder that is then moved into place, so a report is
 * either the whole new one or the old one, never half written.
 *
 * <p>{@link #check} refuses, with a {@link UsageException} naming the option and the value:
 * an output that exists and is not a regular file (a folder, a FIFO, a device such as
 * {@code /dev/full}); two outputs that are the same file; an output that is one of the input
 * files. "The same file" compares real paths (symlinks resolved, {@code ./a} and {@code a} alike)
 * and, where both exist, {@link Files#isSameFile} (hard links).
 */
final class ReportOutputs {

    /** One file to write: the option that named it and the path as given. */
    record Output(String option, Path path) {
        Output {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(path, "path");
        }
    }

    /** One file read: the option (or targets file setting) that named it and the path as given. */
    record Input(String option, Path path) {
        Input {
            Objects.requireNonNull(option, "option");
            Objects.requireNonNull(path, "path");
        }
    }

    /** Writes a report's content. */
    @FunctionalInterface
    interface Content {
        void writeTo(Writer out) throws IOException;
    }

    private static final Set<PosixFilePermission> NEW_FILE = PosixFilePermissions.fromString("rw-r--r--");

    private ReportOutputs() {
    }

    /** The outputs of the report options that are set ({@link #ifSet} gives null for one that is not), in this order. */
    static List<Output> given(Output... outputs) {
        List<Output> given = new ArrayList<>();
        for (Output o : outputs) {
            if (o != null) {
                given.add(o);
            }
        }
        return given;
    }

    /** The output of {@code option}, or null when it was not given ({@code path} null). */
    static Output ifSet(String option, Path path) {
        return path == null ? null : new Output(option, path);
    }

    /**
     * Checks the outputs before anything runs, and creates their missing folders.
     *
     * @throws UsageException naming the first problem, the option and the value
     */
    static void check(List<Output> outputs, List<Input> inputs) {
        Map<Output, Path> real = new LinkedHashMap<>();
        for (Output out : outputs) {
            Path file = out.path();
            if (Files.isDirectory(file)) {
                throw new UsageException(out.option() + ": report file is a folder: " + file);
            }
            if (Files.exists(file) && !Files.isRegularFile(file)) {
                throw new UsageException(out.option() + ": report file is not a regular file (a FIFO, a device"
                        + " or a socket), was: " + file);
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                try {
                    Files.createDirectories(parent);
                } catch (IOException e) {
                    throw new UsageException(out.option() + ": cannot create the folder of report file " + file
                            + " (" + reason(e) + ")", e);
                }
            }
            if (Files.exists(file) ? !Files.isWritable(file) : !Files.isWritable(parent)) {
                throw new UsageException(out.option() + ": report file is not writable: " + file);
            }
            real.put(out, realPath(file));
        }
        List<Output> seen = new ArrayList<>();
        for (Output out : outputs) {
            for (Output earlier : seen) {
                if (same(out.path(), real.get(out), earlier.path(), real.get(earlier))) {
                    throw new UsageException(out.option() + " and " + earlier.option()
                            + " name the same file, one report would be lost: " + out.path());
                }
            }
            seen.add(out);
            for (Input in : inputs) {
                if (same(out.path(), real.get(out), in.path(), realPath(in.path()))) {
                    throw new UsageException(out.option() + " would overwrite the input file of " + in.option()
                            + ": " + out.path());
                }
            }
        }
    }

    /**
     * Writes {@code content} to {@code file} (UTF-8): to a temporary file in the same folder, then
     * moved into place (atomically where the file system can). An existing file keeps its
     * permissions and a symlink stays a symlink (its target is replaced); a new file is
     * {@code rw-r--r--}. On failure the temporary file is removed and the old file is untouched.
     *
     * @throws IOException when it cannot be written
     */
    static void write(Path file, Content content) throws IOException {
        Path target = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath();
        Path folder = target.getParent();
        Path tmp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(out);
            }
            permissions(tmp, target);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A short reason for an I/O error, without a stack trace: e.g. "no space left on device". */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a folder";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    private static void permissions(Path tmp, Path target) throws IOException {
        try {
            Set<PosixFilePermission> perms = Files.exists(target)
                    ? Files.getPosixFilePermissions(target) : NEW_FILE;
            Files.setPosixFilePermissions(tmp, perms);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the temporary file's defaults
        }
    }

    private static boolean same(Path a, Path realA, Path b, Path realB) {
        if (realA.equals(realB)) {
            return true;
        }
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** The real path of a file that may not exist yet: that of its nearest existing folder, plus the rest. */
    static Path realPath(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) || Files.exists(absolute)) {
            try {
                return absolute.toRealPath();
            } catch (IOException e) {
                return absolute; // a dangling symlink: compare as written
            }
        }
        Path parent = absolute.getParent();
        return parent == null ? absolute : realPath(parent).resolve(absolute.getFileName());
    }
}
