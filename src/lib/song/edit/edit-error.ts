/** Why an edit cannot be made, with a message the user can act on. */
export type EditErrorCode = 'no_such_note' | 'bad_pitch' | 'bad_time' | 'too_short' | 'merge_syllables' | 'no_such_bar' | 'bad_chord' | 'bad_style' | 'bad_tempo' | 'no_such_section' | 'empty_selection' | 'bad_expression' | 'bad_instrument' | 'bad_level' | 'no_such_phrase' | 'no_other_melody' | 'bad_time_signature';

export class EditError extends RangeError {
	constructor(
		readonly code: EditErrorCode,
		message: string
	) {
		super(message);
		this.name = 'EditError';
	}
}
