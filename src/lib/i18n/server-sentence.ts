/**
 * Sentences the server writes in English and stores with a take (the analysis's "no melody"
 * message, the upload's warnings), in the interface language. Each known sentence is recognised by
 * its wording and its figures carried over (the unit test makes them with the code that writes
 * them, so a change of wording fails the test rather than leaving English on a Chinese page); an
 * unknown sentence is shown as it is.
 */
import type { UiLocale } from './locales';
import type { MessageKey } from './messages';
import { formatSeconds } from './format';
import { translate } from './index';

type Params = Record<string, string | number>;

interface KnownSentence {
	pattern: RegExp;
	key: MessageKey;
	params?: (match: RegExpExecArray, locale: UiLocale) => Params;
}

const NUMBER = String.raw`(\d+(?:\.\d+)?)`;

const KNOWN: readonly KnownSentence[] = [
	{ pattern: /^No melody found: the recording has no sustained pitched sound\b/, key: 'analysis.message.noPitch' },
	{ pattern: /^No melody found: the pitch never held steady\b/, key: 'analysis.message.unsteady' },
	{
		pattern: new RegExp(String.raw`^No melody found: only (\d+) short notes? \(${NUMBER} s\) (?:were|was) heard\b`),
		key: 'analysis.message.fewNotes',
		params: (m, locale) => ({ count: Number(m[1]), seconds: formatSeconds(locale, Number(m[2]), 1) })
	},
	{ pattern: /^No melody found: this sounds like speech\b/, key: 'analysis.message.speech' },
	{ pattern: new RegExp(String.raw`^The recording clips in ${NUMBER}% of samples;`), key: 'take.warning.clips', params: (m) => ({ percent: m[1] }) },
	{
		pattern: new RegExp(String.raw`^The take was recorded at (\d+) Hz; pitch detail above ${NUMBER} kHz is lost\.`),
		key: 'take.warning.lowRate',
		params: (m) => ({ rate: m[1], kilohertz: m[2] })
	},
	{
		pattern: new RegExp(String.raw`^The file ends early: the header promised ${NUMBER} s, ${NUMBER} s were decoded\.`),
		key: 'take.warning.endsEarlyDeclared',
		params: (m) => ({ declared: m[1], decoded: m[2] })
	},
	{ pattern: new RegExp(String.raw`^The file ends early: its last part was cut off; ${NUMBER} s were decoded\.`), key: 'take.warning.endsEarly', params: (m) => ({ decoded: m[1] }) },
	{
		pattern: new RegExp(String.raw`^(\d+) damaged parts? of the file could not be decoded and may be heard as gaps; ${NUMBER} s were decoded\.`),
		key: 'take.warning.damaged',
		params: (m) => ({ count: Number(m[1]), decoded: m[2] })
	},
	{ pattern: new RegExp(String.raw`^(\d+) samples \(${NUMBER}%\) were not numbers`), key: 'take.warning.nonFinite', params: (m) => ({ count: Number(m[1]), percent: m[2] }) },
	{ pattern: new RegExp(String.raw`^The hum/read boundary \(${NUMBER} s\) lies after the end of the take`), key: 'take.warning.boundary', params: (m) => ({ seconds: m[1] }) }
];

export function serverSentence(locale: UiLocale, sentence: string): string {
	if (locale === 'en') return sentence;
	for (const known of KNOWN) {
		const match = known.pattern.exec(sentence);
		if (match) return translate(locale, known.key, known.params?.(match, locale));
	}
	return sentence;
}
