package io.allot.codecs;

import io.allot.codecs.sbe.MessageHeaderDecoder;
import io.allot.codecs.sbe.MessageHeaderEncoder;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every message of the SBE schema, read from the schema itself, with a generic encoder and checker that drive the
 * generated codecs by reflection in schema order. Values come from a seeded {@link Random} that the checker replays,
 * so every field of every message, in every group entry, is written with a non-trivial value and asserted: groups have
 * 2 or 3 entries, strings mix ASCII with multi-byte UTF-8, payloads are random bytes. A message added to the schema is
 * covered without touching this class.
 */
final class SchemaMessages
{
    static final String SCHEMA_RESOURCE = "/sbe/allot-schema.xml";
    static final String CODEC_PACKAGE = "io.allot.codecs.sbe.";
    static final List<MessageSpec> MESSAGES = new ArrayList<>();

    private static final String[] TEXT_PIECES = { "web", "-", "tâche", "日本語", "ü", "😀", "42", " ", "Ωmega", "x" };
    private static final Map<String, List<String[]>> COMPOSITES = new HashMap<>();
    private static final Map<String, Class<?>> ENUMS = new HashMap<>();

    static
    {
        load();
    }

    private SchemaMessages()
    {
    }

    /**
     * A message of the schema.
     *
     * @param id      template id.
     * @param name    as in the schema.
     * @param members fields, groups and data in schema order.
     */
    record MessageSpec(int id, String name, List<Member> members)
    {
        /**
         * Whether the message has a group or a variable length field.
         *
         * @return true if the message is not fixed length.
         */
        boolean isVariable()
        {
            return members.stream().anyMatch((m) -> m.kind != Kind.FIELD);
        }
    }

    enum Kind
    {
        FIELD, GROUP, STRING, BYTES
    }

    /**
     * A field, group or variable length field.
     *
     * @param kind    what it is.
     * @param name    as in the schema.
     * @param type    the type of a field.
     * @param members the members of a group.
     */
    record Member(Kind kind, String name, String type, List<Member> members)
    {
    }

    static MessageSpec message(final String name)
    {
        return MESSAGES.stream().filter((m) -> m.name.equals(name)).findFirst().orElseThrow();
    }

    /**
     * Encode a message, header included, with values drawn from a seed.
     *
     * @return the length of the message.
     */
    static int encode(final MessageSpec spec, final MutableDirectBuffer buffer, final int offset, final long seed)
    {
        final Object encoder = newInstance(CODEC_PACKAGE + spec.name + "Encoder");
        invoke(encoder, "wrapAndApplyHeader", new Class<?>[]{ MutableDirectBuffer.class, int.class, MessageHeaderEncoder.class },
            buffer, offset, new MessageHeaderEncoder());
        encodeMembers(encoder, spec.members, new Random(seed));
        return MessageHeaderEncoder.ENCODED_LENGTH + (int)invoke(encoder, "encodedLength");
    }

    /**
     * Decode a message encoded by {@link #encode} with the same seed and assert every field.
     *
     * @return the decoded length of the message, header included.
     */
    static int assertDecodes(final MessageSpec spec, final DirectBuffer buffer, final int offset, final long seed)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
        assertEquals(spec.id, header.templateId(), "templateId");
        final Object decoder = newInstance(CODEC_PACKAGE + spec.name + "Decoder");
        invoke(decoder, "wrapAndApplyHeader", new Class<?>[]{ DirectBuffer.class, int.class, MessageHeaderDecoder.class },
            buffer, offset, new MessageHeaderDecoder());
        checkMembers(decoder, spec.members, new Random(seed), spec.name);
        return MessageHeaderDecoder.ENCODED_LENGTH + (int)invoke(decoder, "encodedLength");
    }

    /**
     * Length that the generated decoder's own {@code sbeDecodedLength()} finds, header included.
     */
    static int generatedDecodedLength(final MessageSpec spec, final DirectBuffer buffer, final int offset)
    {
        final Object decoder = newInstance(CODEC_PACKAGE + spec.name + "Decoder");
        invoke(decoder, "wrapAndApplyHeader", new Class<?>[]{ DirectBuffer.class, int.class, MessageHeaderDecoder.class },
            buffer, offset, new MessageHeaderDecoder());
        return MessageHeaderDecoder.ENCODED_LENGTH + (int)invoke(decoder, "sbeDecodedLength");
    }

    private static void encodeMembers(final Object encoder, final List<Member> members, final Random random)
    {
        for (final Member member : members)
        {
            switch (member.kind)
            {
                case FIELD:
                    encodeField(encoder, member, random);
                    break;

                case GROUP:
                    final int count = 2 + random.nextInt(2);
                    final Object group = invoke(encoder, member.name + "Count", new Class<?>[]{ int.class }, count);
                    for (int i = 0; i < count; i++)
                    {
                        invoke(group, "next");
                        encodeMembers(group, member.members, random);
                    }
                    break;

                case STRING:
                    invoke(encoder, member.name, new Class<?>[]{ String.class }, text(random));
                    break;

                default:
                    final byte[] bytes = bytes(random);
                    invoke(encoder, "put" + capitalize(member.name), new Class<?>[]{ byte[].class, int.class, int.class },
                        bytes, 0, bytes.length);
                    break;
            }
        }
    }

    private static void checkMembers(final Object decoder, final List<Member> members, final Random random, final String path)
    {
        for (final Member member : members)
        {
            final String memberPath = path + "." + member.name;
            switch (member.kind)
            {
                case FIELD:
                    checkField(decoder, member, random, memberPath);
                    break;

                case GROUP:
                    final int count = 2 + random.nextInt(2);
                    final Object group = invoke(decoder, member.name);
                    assertEquals(count, (int)invoke(group, "count"), memberPath + " count");
                    for (int i = 0; i < count; i++)
                    {
                        invoke(group, "next");
                        checkMembers(group, member.members, random, memberPath + "[" + i + "]");
                    }
                    break;

                case STRING:
                    assertEquals(text(random), invoke(decoder, member.name), memberPath);
                    break;

                default:
                    final byte[] expected = bytes(random);
                    final int length = (int)invoke(decoder, member.name + "Length");
                    final byte[] actual = new byte[length];
                    invoke(decoder, "get" + capitalize(member.name), new Class<?>[]{ byte[].class, int.class, int.class },
                        actual, 0, length);
                    assertArrayEquals(expected, actual, memberPath);
                    break;
            }
        }
    }

    private static void encodeField(final Object encoder, final Member field, final Random random)
    {
        final List<String[]> composite = COMPOSITES.get(field.type);
        if (null != composite)
        {
            final Object part = invoke(encoder, field.name);
            for (final String[] type : composite)
            {
                invoke(part, type[0], new Class<?>[]{ javaType(type[1]) }, value(type[1], random));
            }
        }
        else
        {
            invoke(encoder, field.name, new Class<?>[]{ javaType(field.type) }, value(field.type, random));
        }
    }

    private static void checkField(final Object decoder, final Member field, final Random random, final String path)
    {
        final List<String[]> composite = COMPOSITES.get(field.type);
        if (null != composite)
        {
            final Object part = invoke(decoder, field.name);
            for (final String[] type : composite)
            {
                assertEquals(value(type[1], random), invoke(part, type[0]), path + "." + type[0]);
            }
        }
        else
        {
            assertEquals(value(field.type, random), invoke(decoder, field.name), path);
        }
    }

    private static Class<?> javaType(final String type)
    {
        switch (type)
        {
            case "int64":
                return long.class;
            case "int32":
            case "uint16":
                return int.class;
            case "uint8":
                return short.class;
            default:
                final Class<?> enumType = ENUMS.get(type);
                if (null == enumType)
                {
                    throw new IllegalStateException("no test values for type " + type);
                }
                return enumType;
        }
    }

    private static Object value(final String type, final Random random)
    {
        switch (type)
        {
            case "int64":
                return random.nextLong();
            case "int32":
                return random.nextInt();
            case "uint16":
                return random.nextInt(65535);
            case "uint8":
                return (short)random.nextInt(255);
            default:
                final Object[] constants = javaType(type).getEnumConstants();
                return constants[random.nextInt(constants.length - 1)]; // the last one is NULL_VAL
        }
    }

    static String text(final Random random)
    {
        final StringBuilder builder = new StringBuilder();
        final int pieces = 1 + (random.nextInt(8) == 0 ? 100 : random.nextInt(6));
        for (int i = 0; i < pieces; i++)
        {
            builder.append(TEXT_PIECES[random.nextInt(TEXT_PIECES.length)]);
        }
        return builder.toString();
    }

    static byte[] bytes(final Random random)
    {
        final byte[] bytes = new byte[1 + random.nextInt(600)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String capitalize(final String name)
    {
        return Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static Object newInstance(final String className)
    {
        try
        {
            return Class.forName(className).getConstructor().newInstance();
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("no generated codec " + className, ex);
        }
    }

    private static Object invoke(final Object target, final String name)
    {
        return invoke(target, name, new Class<?>[0]);
    }

    private static Object invoke(final Object target, final String name, final Class<?>[] types, final Object... args)
    {
        try
        {
            final Method method = target.getClass().getMethod(name, types);
            return method.invoke(target, args);
        }
        catch (final InvocationTargetException ex)
        {
            throw new IllegalStateException(target.getClass().getSimpleName() + "." + name + " failed", ex.getCause());
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new IllegalStateException("no method " + name + Arrays.toString(types) + " on " + target.getClass(), ex);
        }
    }

    private static void load()
    {
        try (InputStream in = SchemaMessages.class.getResourceAsStream(SCHEMA_RESOURCE))
        {
            final DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            final Document document = factory.newDocumentBuilder().parse(in);
            final Element types = (Element)document.getElementsByTagName("types").item(0);
            for (final Element type : children(types))
            {
                final String name = type.getAttribute("name");
                if ("enum".equals(type.getTagName()))
                {
                    ENUMS.put(name, Class.forName(CODEC_PACKAGE + name));
                }
                else if ("composite".equals(type.getTagName()))
                {
                    final List<String[]> parts = new ArrayList<>();
                    for (final Element part : children(type))
                    {
                        parts.add(new String[]{ part.getAttribute("name"), part.getAttribute("primitiveType") });
                    }
                    COMPOSITES.put(name, parts);
                }
            }

            final NodeList messages = document.getElementsByTagNameNS("http://fixprotocol.io/2016/sbe", "message");
            for (int i = 0; i < messages.getLength(); i++)
            {
                final Element message = (Element)messages.item(i);
                MESSAGES.add(new MessageSpec(
                    Integer.parseInt(message.getAttribute("id")), message.getAttribute("name"), members(message)));
            }
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("can not read " + SCHEMA_RESOURCE, ex);
        }
    }

    private static List<Member> members(final Element parent)
    {
        final List<Member> members = new ArrayList<>();
        for (final Element element : children(parent))
        {
            final String name = element.getAttribute("name");
            final String type = element.getAttribute("type");
            switch (element.getTagName())
            {
                case "field":
                    members.add(new Member(Kind.FIELD, name, type, List.of()));
                    break;
                case "group":
                    members.add(new Member(Kind.GROUP, name, null, members(element)));
                    break;
                case "data":
                    members.add(new Member("varStringEncoding".equals(type) ? Kind.STRING : Kind.BYTES, name, type, List.of()));
                    break;
                default:
                    throw new IllegalStateException("unexpected element " + element.getTagName() + " in " + parent.getAttribute("name"));
            }
        }
        return members;
    }

    private static List<Element> children(final Element parent)
    {
        final List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); null != node; node = node.getNextSibling())
        {
            if (node instanceof Element)
            {
                children.add((Element)node);
            }
        }
        return children;
    }
}
