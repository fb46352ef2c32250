/** English words → syllables (ARPAbet, | between syllables): CMU dictionary words and three made-up ones for the rules. */
export const ENGLISH_READINGS: ReadonlyArray<[word: string, syllables: string]> = [
['hello', 'HH AH0 | L OW1'], ['love', 'L AH1 V'], ['singing', 'S IH1 NG | IH0 NG'], ['tonight', 'T AH0 | N AY1 T'], ['darling', 'D AA1 R | L IH0 NG'],
['heart', 'HH AA1 R T'], ['forever', 'F ER0 | EH1 | V ER0'], ['together', 'T AH0 | G EH1 | DH ER0'], ['music', 'M Y UW1 | Z IH0 K'], ['happy', 'HH AE1 | P IY0'],
['dream', 'D R IY1 M'], ['street', 'S T R IY1 T'], ['splash', 'S P L AE1 SH'], ['window', 'W IH1 N | D OW0'], ['monster', 'M AA1 N | S T ER0'],
['apple', 'AE1 | P AH0 L'], ['little', 'L IH1 | T AH0 L'], ['beautiful', 'B Y UW1 | T AH0 | F AH0 L'], ['yesterday', 'Y EH1 | S T ER0 | D EY2'],
['rhythm', 'R IH1 | DH AH0 M'], ['strength', 'S T R EH1 NG K TH'], ['extra', 'EH1 K | S T R AH0'], ['about', 'AH0 | B AW1 T'], ['believe', 'B IH0 | L IY1 V'],
['remember', 'R IH0 | M EH1 M | B ER0'], ['morning', 'M AO1 R | N IH0 NG'], ['sunshine', 'S AH1 N | SH AY2 N'], ['rainbow', 'R EY1 N | B OW2'],
['the', 'DH AH0'], ['quick', 'K W IH1 K'], ['brown', 'B R AW1 N'], ['fox', 'F AA1 K S'], ['jumps', 'JH AH1 M P S'], ['over', 'OW1 | V ER0'],
['lazy', 'L EY1 | Z IY0'], ['dog', 'D AO1 G'], ['she', 'SH IY1'], ['sells', 'S EH1 L Z'], ['shells', 'SH EH1 L Z'], ['shore', 'SH AO1 R'],
['summer', 'S AH1 | M ER0'], ['golden', 'G OW1 L | D AH0 N'], ['behind', 'B IH0 | HH AY1 N D'], ['chair', 'CH EH1 R'], ['please', 'P L IY1 Z'],
['gentle', 'JH EH1 N | T AH0 L'], ['voice', 'V OY1 S'], ['softly', 'S AO1 F T | L IY0'], ['through', 'TH R UW1'], ['night', 'N AY1 T'],
["don't", 'D OW1 N T'], ["I'm", 'AY1 M'], ['baby', 'B EY1 | B IY0'], ['yeah', 'Y AE1'], ['higher', 'HH AY1 | ER0'], ['fire', 'F AY1 | ER0'],
['zindle', 'Z IH1 N | D AH0 L'], ['blorp', 'B L AO1 R P'], ['flanter', 'F L AE1 N | T ER0']
];
