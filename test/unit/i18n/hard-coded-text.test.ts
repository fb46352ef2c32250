/**
 * No English left in the markup of the pages and components whose text goes through the i18n
 * layer: every text node and user-facing attribute (aria-label, title, placeholder, alt) with a
 * Latin word must come from an expression (`{i18n.t(…)}`), and no script string reads like an
 * English sentence. Brand names, units and file formats are allowed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../helpers/paths';

const TRANSLATED_FILES = [
	'src/routes/+layout.svelte',
	'src/routes/+page.svelte',
	'src/routes/takes/[id]/+page.svelte',
	'src/routes/listen/[token]/+page.svelte',
	'src/routes/songs/[id]/VersionsPanel.svelte',
	'src/routes/join/[[code]]/+page.svelte',
	'src/routes/join/[[code]]/JoinForm.svelte',
	'src/routes/class/[id]/+page.svelte',
	'src/routes/class/[id]/ConsentNotice.svelte',
	'src/routes/class/[id]/StudentSongs.svelte',
	'src/routes/class/[id]/ClassGallery.svelte',
	'src/lib/components/AnalysisView.svelte',
	'src/lib/components/LibraryList.svelte',
	'src/lib/components/UploadDrop.svelte',
	'src/lib/components/LanguagePicker.svelte',
	'src/lib/components/StageProgress.svelte',
	'src/lib/components/F0Overlay.svelte',
	'src/lib/components/PitchAxis.svelte',
	'src/lib/components/PianoRoll.svelte',
	'src/lib/components/SingPanel.svelte',
	'src/lib/components/UiLanguageSwitcher.svelte',
	'src/lib/components/JoinQr.svelte',
	'src/routes/ClassroomPanel.svelte',
	'src/routes/classes/[id]/+page.svelte',
	'src/routes/classes/[id]/JoinPanel.svelte',
	'src/routes/classes/[id]/StudentsTable.svelte',
	'src/routes/classes/[id]/StudentRow.svelte',
	'src/routes/classes/[id]/SettingsPanel.svelte',
	'src/routes/classes/[id]/EndClassDialog.svelte',
	'src/routes/classes/[id]/projector/+page.svelte'
];

/** Words that are the same in every interface language. */
const ALLOWED = /Hum2Song|Studio|MIDI|WAV|BPM|MP3|MB|Hz|f0/g;
const USER_ATTRIBUTES = new Set(['aria-label', 'aria-description', 'aria-placeholder', 'aria-roledescription', 'title', 'placeholder', 'alt', 'label']);
/** Script strings that are not interface text: the song-language example lyrics, a MIDI track's name. */
const ALLOWED_SCRIPT_STRINGS = new Set(['Sing me a song until the morning light', 'Melody (snapped)']);

const hasLatinWord = (text: string) => /[A-Za-z]{2,}/.test(text.replace(ALLOWED, ''));
/** Three or more Latin words separated by spaces: a sentence, not a key, id, URL or class. */
const readsLikeSentence = (text: string) => /[A-Za-z]+[,.;:]? +[A-Za-z]+[,.;:]? +[A-Za-z]+/.test(text.replace(ALLOWED, ''));

type Node = { type?: string; [key: string]: unknown };

/** The literal English in a component: markup text, user-facing attributes, sentence-like script strings. */
export function hardCodedEnglish(source: string): string[] {
	const ast = parse(source, { modern: true }) as unknown as { fragment: Node; instance: Node | null; module: Node | null };
	const found: string[] = [];
	const walkMarkup = (node: unknown): void => {
		if (Array.isArray(node)) return node.forEach(walkMarkup);
		if (!node || typeof node !== 'object') return;
		const n = node as Node;
		if (typeof n.type === 'string' && n.type.endsWith('Directive')) return; // style:, class:, bind: … carry no text
		if (n.type === 'Attribute') {
			if (USER_ATTRIBUTES.has(String(n.name)) && Array.isArray(n.value)) {
				for (const part of n.value as Node[]) if (part.type === 'Text' && hasLatinWord(String(part.data))) found.push(`${String(n.name)}="${String(part.data)}"`);
			}
			return;
		}
		if (n.type === 'Text' && hasLatinWord(String(n.data))) found.push(String(n.data).trim());
		for (const [key, value] of Object.entries(n)) if (key !== 'expression' && key !== 'metadata') walkMarkup(value);
	};
	walkMarkup(ast.fragment);
	const walkScript = (node: unknown): void => {
		if (Array.isArray(node)) return node.forEach(walkScript);
		if (!node || typeof node !== 'object') return;
		const n = node as Node;
		if (n.type === 'ImportDeclaration') return;
		if (n.type === 'Literal' && typeof n.value === 'string' && readsLikeSentence(n.value) && !ALLOWED_SCRIPT_STRINGS.has(n.value)) found.push(n.value);
		if (n.type === 'TemplateElement') {
			const cooked = String((n.value as { cooked?: string }).cooked ?? '');
			if (readsLikeSentence(cooked)) found.push(cooked);
		}
		for (const [key, value] of Object.entries(n)) if (key !== 'leadingComments' && key !== 'trailingComments') walkScript(value);
	};
	walkScript(ast.instance);
	walkScript(ast.module);
	return found;
}

describe('interface text is translated, not hard-coded', () => {
	it('finds English text, attributes and sentences (the check itself)', () => {
		const english = hardCodedEnglish(
			`<script>const a = 'Delete this take for good?'; const k = 'take.heading'; const url = \`/api/takes/\${id}\`;</script>
			<h1>Your melody</h1><p aria-label="Play the take" class="big words here">{t('x')} · 50 MB</p><span>Hum2Song Studio</span>`
		);
		expect(english).toEqual(['Your melody', 'aria-label="Play the take"', 'Delete this take for good?']);
	});

	for (const file of TRANSLATED_FILES) {
		it(`${file} has no hard-coded English`, () => {
			expect(hardCodedEnglish(readFileSync(path.join(REPO_ROOT, file), 'utf8'))).toEqual([]);
		});
	}
});
