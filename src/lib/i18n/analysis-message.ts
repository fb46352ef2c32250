/**
 * The analysis's "no melody" sentence (written in English by the pitch code, stored with the
 * analysis) in the interface language. Each known sentence is recognised by its wording (the unit
 * test runs the pitch code, so a change there shows up as a failing test, not as English on a
 * Chinese page); an unknown one is shown as it is.
 */
import type { UiLocale } from './locales';
import type { MessageKey } from './messages';
import { formatSeconds } from './format';
import { translate } from './index';

interface KnownMessage {
	pattern: RegExp;
	key: MessageKey;
	params?: (match: RegExpExecArray, locale: UiLocale) => Record<string, string | number>;
}

const KNOWN: readonly KnownMessage[] = [
	{ pattern: /^No melody found: the recording has no sustained pitched sound\b/, key: 'analysis.message.noPitch' },
	{ pattern: /^No melody found: the pitch never held steady\b/, key: 'analysis.message.unsteady' },
	{
		pattern: /^No melody found: only (\d+) short notes? \((\d+(?:\.\d+)?) s\) (?:were|was) heard\b/,
		key: 'analysis.message.fewNotes',
		params: (m, locale) => ({ count: Number(m[1]), seconds: formatSeconds(locale, Number(m[2]), 1) })
	},
	{ pattern: /^No melody found: this sounds like speech\b/, key: 'analysis.message.speech' }
];

export function analysisMessageText(locale: UiLocale, message: string): string {
	if (locale === 'en') return message;
	for (const known of KNOWN) {
		const match = known.pattern.exec(message);
		if (match) return translate(locale, known.key, known.params?.(match, locale));
	}
	return message;
}
