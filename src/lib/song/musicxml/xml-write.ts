/**
 * The little XML writing a MusicXML file needs: elements with attributes and text, escaped, one
 * element per line with tab indents so the file diffs and reads well.
 */

export type XmlAttributes = Record<string, string | number | undefined>;

/** An element to write: name, attributes, and either text or child elements. */
export interface XmlNode {
	name: string;
	attributes?: XmlAttributes;
	children?: XmlNode[];
	text?: string | number;
}

export function escapeXml(text: string): string {
	return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** `el('step', {}, 'C')` or `el('pitch', {}, [el('step', {}, 'C'), …])`; undefined children are left out. */
export function el(name: string, attributes: XmlAttributes = {}, content?: string | number | Array<XmlNode | undefined | false>): XmlNode {
	if (Array.isArray(content)) return { name, attributes, children: content.filter((c): c is XmlNode => !!c) };
	return content === undefined ? { name, attributes } : { name, attributes, text: content };
}

function attributeText(attributes: XmlAttributes | undefined): string {
	if (!attributes) return '';
	return Object.entries(attributes)
		.filter(([, v]) => v !== undefined)
		.map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
		.join('');
}

export function writeXmlNode(node: XmlNode, depth = 0): string {
	const indent = '\t'.repeat(depth);
	const open = `${indent}<${node.name}${attributeText(node.attributes)}`;
	if (node.text !== undefined) return `${open}>${escapeXml(String(node.text))}</${node.name}>`;
	if (!node.children || node.children.length === 0) return `${open}/>`;
	return `${open}>\n${node.children.map((c) => writeXmlNode(c, depth + 1)).join('\n')}\n${indent}</${node.name}>`;
}
