import type { StyleName } from '../song/types';

/** Style names as the studio shows them. */
export const STYLE_LABELS: Record<StyleName, string> = {
	'pop-ballad': 'Pop ballad',
	'upbeat-pop': 'Upbeat pop',
	'lo-fi': 'Lo-fi',
	'cantopop-ballad': 'Cantopop ballad',
	'childrens-song': "Classroom / children's song"
};
