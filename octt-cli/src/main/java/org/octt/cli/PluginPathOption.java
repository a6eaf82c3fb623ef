package org.octt.cli;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;

/** {@code --plugin-path DIR}, shared by {@code list} and {@code run}. */
final class PluginPathOption {

    @Option(names = "--plugin-path", paramLabel = "DIR",
            description = "Folder of plugin jars to load besides the built-in test cases"
                    + " (default: plugins/ beside the octt launcher; a missing folder is fine).")
    Path pluginPath;

    /** The folder given, else the default beside the CLI, if known. */
    Optional<Path> resolve(CliEnvironment environment) {
        if (pluginPath != null) {
            if (java.nio.file.Files.exists(pluginPath) && !java.nio.file.Files.isDirectory(pluginPath)) {
                throw new UsageException("--plugin-path must be a folder of jars, was a file: " + pluginPath);
            }
            return Optional.of(pluginPath);
        }
        return environment.defaultPluginPath();
    }
}
