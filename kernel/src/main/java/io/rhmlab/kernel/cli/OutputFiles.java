package io.rhmlab.kernel.cli;

import io.rhmlab.dsl.InvalidSpecException;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Checks an output path before any work starts, and words I/O failures so that they say why, not only where. */
final class OutputFiles {
    private OutputFiles() {
    }

    /** {@code file} can be created or replaced: its folder exists (or can be made) and is writable, it is no folder. */
    static void requireWritable(String parameter, Path file) {
        Path abs = file.toAbsolutePath();
        InvalidSpecException.require(!Files.isDirectory(abs), parameter, abs + " is a folder; give a file name");
        Path folder = abs.getParent();
        Path existing = folder;
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        InvalidSpecException.require(existing != null && Files.isDirectory(existing), parameter,
                "cannot write " + abs + ": " + existing + " is not a folder");
        InvalidSpecException.require(Files.isWritable(existing), parameter,
                "cannot write " + abs + ": no permission to write in " + existing);
        InvalidSpecException.require(!Files.exists(abs) || Files.isWritable(abs), parameter,
                "cannot write " + abs + ": the file is read-only");
    }

    /** The folder {@code dir} exists or can be made, and is writable. */
    static void requireWritableFolder(String parameter, Path dir) {
        Path abs = dir.toAbsolutePath();
        InvalidSpecException.require(!Files.exists(abs) || Files.isDirectory(abs), parameter, abs + " exists and is not a folder");
        requireWritable(parameter, abs.resolve("x"));
    }

    /** Why an I/O operation failed, in words (the JDK's messages for these are the bare path). */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or folder";
        if (e instanceof FileSystemException fs && fs.getReason() != null) return fs.getReason();
        return String.valueOf(e.getMessage());
    }
}
