/**
 * A small XML reader for MusicXML files: elements, attributes and text into a tree. Comments,
 * processing instructions and the DOCTYPE are skipped; CDATA is text; the five named entities and
 * numeric character references are decoded. Anything malformed (an unclosed or mismatched tag)
 * is refused with XmlReadError saying where, so a broken upload gets a clear message.
 */

export interface XmlElement {
	name: string;
	attributes: Record<string, string>;
	children: XmlElement[];
	/** The element's own text (not its children's), entities decoded, untrimmed. */
	text: string;
}

export class XmlReadError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'XmlReadError';
	}
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
	return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, ref: string) => {
		if (ref.startsWith('#x')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
		if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
		return ENTITIES[ref] ?? whole;
	});
}

const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** The document's root element. */
export function readXml(source: string): XmlElement {
	const stack: XmlElement[] = [];
	let root: XmlElement | null = null;
	let i = 0;
	const lineAt = (at: number) => source.slice(0, at).split('\n').length;
	const skipPast = (marker: string, what: string) => {
		const end = source.indexOf(marker, i);
		if (end < 0) throw new XmlReadError(`The file ends inside ${what} (line ${lineAt(i)}).`);
		i = end + marker.length;
	};
	while (i < source.length) {
		const lt = source.indexOf('<', i);
		const textEnd = lt < 0 ? source.length : lt;
		if (textEnd > i) {
			const text = source.slice(i, textEnd);
			if (stack.length > 0) stack[stack.length - 1].text += decodeEntities(text);
			else if (text.trim() !== '') throw new XmlReadError(`Text outside the root element (line ${lineAt(i)}).`);
		}
		if (lt < 0) break;
		i = lt;
		if (source.startsWith('<!--', i)) skipPast('-->', 'a comment');
		else if (source.startsWith('<?', i)) skipPast('?>', 'a processing instruction');
		else if (source.startsWith('<![CDATA[', i)) {
			const start = i + 9;
			skipPast(']]>', 'a CDATA section');
			if (stack.length > 0) stack[stack.length - 1].text += source.slice(start, i - 3);
		} else if (source.startsWith('<!', i)) {
			// DOCTYPE, possibly with an internal subset in brackets.
			const bracket = source.indexOf('[', i);
			const close = source.indexOf('>', i);
			if (bracket >= 0 && close >= 0 && bracket < close) skipPast(']>', 'the DOCTYPE');
			else skipPast('>', 'the DOCTYPE');
		} else if (source.startsWith('</', i)) {
			const close = source.indexOf('>', i);
			if (close < 0) throw new XmlReadError(`The file ends inside a closing tag (line ${lineAt(i)}).`);
			const name = source.slice(i + 2, close).trim();
			const open = stack.pop();
			if (!open || open.name !== name) throw new XmlReadError(`</${name}> on line ${lineAt(i)} closes ${open ? `<${open.name}>` : 'nothing'}.`);
			i = close + 1;
		} else {
			const close = findTagEnd(source, i);
			if (close < 0) throw new XmlReadError(`The file ends inside a tag (line ${lineAt(i)}).`);
			const selfClosing = source[close - 1] === '/';
			const body = source.slice(i + 1, selfClosing ? close - 1 : close);
			const name = /^[^\s/>]+/.exec(body)?.[0];
			if (!name) throw new XmlReadError(`A tag without a name on line ${lineAt(i)}.`);
			const attributes: Record<string, string> = {};
			for (const m of body.slice(name.length).matchAll(ATTRIBUTE)) attributes[m[1]] = decodeEntities(m[2] ?? m[3]);
			const element: XmlElement = { name, attributes, children: [], text: '' };
			if (stack.length > 0) stack[stack.length - 1].children.push(element);
			else if (root) throw new XmlReadError(`A second root element <${name}> on line ${lineAt(i)}.`);
			else root = element;
			if (!selfClosing) stack.push(element);
			i = close + 1;
		}
	}
	if (stack.length > 0) throw new XmlReadError(`The file ends before <${stack[stack.length - 1].name}> is closed.`);
	if (!root) throw new XmlReadError('The file has no XML element.');
	return root;
}

/** The `>` ending the tag opened at `from`, skipping `>` inside quoted attribute values. */
function findTagEnd(source: string, from: number): number {
	let quote: string | null = null;
	for (let j = from + 1; j < source.length; j++) {
		const c = source[j];
		if (quote) {
			if (c === quote) quote = null;
		} else if (c === '"' || c === "'") quote = c;
		else if (c === '>') return j;
	}
	return -1;
}

/** The first child called `name`. */
export const child = (element: XmlElement | undefined, name: string): XmlElement | undefined => element?.children.find((c) => c.name === name);
/** All children called `name`. */
export const childrenNamed = (element: XmlElement | undefined, name: string): XmlElement[] => element?.children.filter((c) => c.name === name) ?? [];
/** The trimmed text of the first child called `name`, or undefined. */
export const childText = (element: XmlElement | undefined, name: string): string | undefined => child(element, name)?.text.trim();
