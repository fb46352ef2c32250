/**
 * Every area's messages, merged per interface language. To add an area: a file beside this one
 * exporting `{ en, 'zh-HK', 'zh-CN' }`, listed in AREAS.
 */
import type { UiLocale } from '../locales';
import type { MessageTable } from '../translate';
import { common } from './common';
import { home } from './home';
import { upload } from './upload';
import { library } from './library';
import { take } from './take';
import { analysis } from './analysis';
import { sing } from './sing';
import { listen } from './listen';
import { errors } from './errors';
import { compose } from './compose';
import { make } from './make';
import { recorder } from './recorder';
import { song } from './song';
import { vocalExpression } from './vocal-expression';
import { songEditor } from './song-editor';
import { voiceSource } from './voice-source';
import { versions } from './versions';
import { classTeacher } from './class-teacher';
import { classStudent } from './class-student';

export const AREAS = { common, home, upload, library, take, analysis, sing, listen, errors, compose, make, recorder, song, vocalExpression, voiceSource, songEditor, versions, classTeacher, classStudent } as const;

type Areas = typeof AREAS;
export type MessageKey = { [A in keyof Areas]: keyof Areas[A]['en'] }[keyof Areas] & string;

function merged(locale: UiLocale): MessageTable {
	const out: Record<string, string> = {};
	for (const area of Object.values(AREAS)) Object.assign(out, (area as Record<UiLocale, MessageTable>)[locale]);
	return out;
}

export const MESSAGES: Readonly<Record<UiLocale, MessageTable>> = { 'zh-HK': merged('zh-HK'), 'zh-CN': merged('zh-CN'), en: merged('en') };
