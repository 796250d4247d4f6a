// SPDX-License-Identifier: Apache-2.0
package dev.custos.core.internal.xml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import org.xml.sax.Attributes;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a small XML data file into {@link XmlElement}s with line numbers, using the JDK's SAX parser.
 * Doctypes and external entities are refused: packs may come from users, and a data file has no use
 * for them (this closes XXE and entity-expansion attacks).
 */
public final class XmlReader {

    private XmlReader() {
    }

    /** Thrown when the input is not well-formed XML; carries the line of the error. */
    public static final class MalformedXmlException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        MalformedXmlException(String message, int line, Throwable cause) {
            super(message, cause);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    /** Parses {@code input} (the caller closes it) and returns the root element. */
    public static XmlElement read(InputStream input) throws MalformedXmlException, IOException {
        Handler handler = new Handler();
        try {
            newParser().parse(input, handler);
        } catch (SAXParseException e) {
            throw new MalformedXmlException(e.getMessage(), e.getLineNumber(), e);
        } catch (SAXException e) {
            throw new MalformedXmlException(e.getMessage(), handler.line(), e);
        }
        if (handler.root == null) {
            throw new MalformedXmlException("no root element", 1, null);
        }
        return handler.root;
    }

    private static SAXParser newParser() throws SAXException {
        try {
            // the JDK's own parser: a SAX factory that a server puts on the class path (or names in a
            // system property) must not decide whether, or how safely, packs are read
            SAXParserFactory factory = SAXParserFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            return factory.newSAXParser();
        } catch (ParserConfigurationException e) {
            throw new SAXException(e);
        }
    }

    private static final class Handler extends DefaultHandler {
        private final Deque<XmlElement> open = new ArrayDeque<>();
        private Locator locator;
        private XmlElement root;

        @Override
        public void setDocumentLocator(Locator documentLocator) {
            this.locator = documentLocator;
        }

        int line() {
            return locator == null ? 1 : locator.getLineNumber();
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) {
            Map<String, String> attributes = new LinkedHashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                if (!atts.getURI(i).isEmpty()) {
                    continue; // qualified attributes (xsi:schemaLocation) are for tools, not for us
                }
                attributes.put(atts.getLocalName(i).isEmpty() ? atts.getQName(i) : atts.getLocalName(i),
                        atts.getValue(i));
            }
            XmlElement element = new XmlElement(uri, localName.isEmpty() ? qName : localName, line(), attributes);
            if (open.isEmpty()) {
                root = element;
            } else {
                open.peek().add(element);
            }
            open.push(element);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            open.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!open.isEmpty()) {
                open.peek().appendText(ch, start, length);
            }
        }
    }
}
