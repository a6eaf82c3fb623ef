package org.octt.example;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * This module builds as a third-party plugin project would: it has no parent and takes every octt
 * version from octt-bom. Maven itself proves that the BOM supplies them (a managed version missing
 * from the BOM fails the build of this module); these tests keep the conditions of that proof.
 */
class BomTests {

    @Test
    void takesEveryOcttVersionFromTheBomAndNoneFromAParent() throws Exception {
        Element pom = read(Path.of("pom.xml"));

        assertThat(child(pom, "parent")).as("a parent's dependencyManagement would hide the BOM").isEmpty();
        List<Element> managed = children(child(child(pom, "dependencyManagement").orElseThrow(), "dependencies")
                .orElseThrow(), "dependency");
        assertThat(managed).filteredOn(d -> text(d, "groupId").equals("org.octt"))
                .extracting(d -> text(d, "artifactId") + ":" + text(d, "version") + ":" + text(d, "scope"))
                .containsExactly("octt-bom:${project.version}:import");
        List<Element> dependencies = children(child(pom, "dependencies").orElseThrow(), "dependency");
        assertThat(dependencies).filteredOn(d -> text(d, "groupId").equals("org.octt"))
                .extracting(d -> text(d, "artifactId"))
                .containsExactly("octt-core", "octt-tls", "octt-testkit");
        assertThat(dependencies).filteredOn(d -> text(d, "groupId").equals("org.octt"))
                .allSatisfy(d -> assertThat(child(d, "version")).as(text(d, "artifactId") + " version").isEmpty());
    }

    @Test
    void bomListsEveryPublishedModuleAndNothingElse() throws Exception {
        Element root = read(Path.of("../pom.xml"));
        List<String> published = new ArrayList<>();
        for (Element module : children(child(root, "modules").orElseThrow(), "module")) {
            String name = module.getTextContent().trim();
            // not published: the BOM itself, the examples, the benchmarks, the shared test helpers
            if (!List.of("octt-bom", "octt-example-plugin", "octt-junit-example", "octt-bench", "octt-test-support")
                    .contains(name)) {
                published.add("org.octt:" + name + ":${project.version}");
            }
        }
        Element bom = read(Path.of("../octt-bom/pom.xml"));

        assertThat(child(bom, "parent")).as("the BOM must inherit no third-party versions").isEmpty();
        assertThat(children(child(child(bom, "dependencyManagement").orElseThrow(), "dependencies").orElseThrow(),
                "dependency"))
                .extracting(d -> text(d, "groupId") + ":" + text(d, "artifactId") + ":" + text(d, "version"))
                .containsExactlyInAnyOrderElementsOf(published);
    }

    private static Element read(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Document document = factory.newDocumentBuilder().parse(pom.toFile());
        return document.getDocumentElement();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static Optional<Element> child(Element parent, String name) {
        return children(parent, name).stream().findFirst();
    }

    private static String text(Element parent, String name) {
        return child(parent, name).map(e -> e.getTextContent().trim()).orElse("");
    }
}
