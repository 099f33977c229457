package dev.seedance4j.export.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A small indenting XML writer over StAX: attributes in the order given (the formats' own files read better that
 * way), UTF-8, two spaces per level. Attribute values are escaped by StAX.
 */
final class XmlOut implements AutoCloseable {

    private final OutputStream stream;
    private final XMLStreamWriter xml;
    private int depth;
    private boolean hadChildren;

    private XmlOut(Path file, String doctype) throws IOException {
        this.stream = Files.newOutputStream(file);
        try {
            this.xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            if (doctype != null) {
                xml.writeCharacters("\n");
                xml.writeDTD(doctype);
            }
        } catch (XMLStreamException e) {
            stream.close();
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static XmlOut create(Path file) throws IOException {
        return new XmlOut(file, null);
    }

    /** With a document type declaration, e.g. {@code <!DOCTYPE fcpxml>}. */
    static XmlOut create(Path file, String doctype) throws IOException {
        return new XmlOut(file, doctype);
    }

    /** Opens an element; {@code attributes} are name, value pairs, a null value leaves the attribute out. */
    XmlOut start(String name, String... attributes) throws IOException {
        try {
            indent();
            xml.writeStartElement(name);
            attributes(attributes);
            depth++;
            hadChildren = false;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return this;
    }

    /** An element without content. */
    XmlOut empty(String name, String... attributes) throws IOException {
        try {
            indent();
            xml.writeEmptyElement(name);
            attributes(attributes);
            hadChildren = true;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return this;
    }

    /** An element holding text only. */
    XmlOut text(String name, String text, String... attributes) throws IOException {
        try {
            indent();
            xml.writeStartElement(name);
            attributes(attributes);
            xml.writeCharacters(text);
            xml.writeEndElement();
            hadChildren = true;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return this;
    }

    XmlOut end() throws IOException {
        try {
            depth--;
            if (hadChildren) indent();
            xml.writeEndElement();
            hadChildren = true;
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return this;
    }

    private void attributes(String... pairs) throws XMLStreamException {
        if (pairs.length % 2 != 0) throw new IllegalArgumentException("attributes come in name, value pairs");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) xml.writeAttribute(pairs[i], pairs[i + 1]);
        }
    }

    private void indent() throws XMLStreamException {
        xml.writeCharacters("\n" + "  ".repeat(depth));
    }

    @Override
    public void close() throws IOException {
        try {
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        } finally {
            stream.close();
        }
    }
}
