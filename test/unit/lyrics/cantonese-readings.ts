/** Cantonese readings (Jyutping) of common characters and words, as a native speaker reads them in lyrics; polyphones in context. */
export const CANTONESE_READINGS: ReadonlyArray<[text: string, jyutping: string]> = [
['我', 'ngo5'], ['你', 'nei5'], ['佢', 'keoi5'], ['哋', 'dei6'], ['嘅', 'ge3'], ['唔', 'm4'], ['係', 'hai6'], ['喺', 'hai2'],
['一', 'jat1'], ['二', 'ji6'], ['三', 'saam1'], ['四', 'sei3'], ['五', 'ng5'], ['六', 'luk6'], ['七', 'cat1'], ['八', 'baat3'], ['九', 'gau2'], ['十', 'sap6'],
['百', 'baak3'], ['千', 'cin1'], ['萬', 'maan6'], ['天', 'tin1'], ['地', 'dei6'], ['人', 'jan4'], ['心', 'sam1'], ['愛', 'oi3'],
['歌', 'go1'], ['唱', 'coeng3'], ['聽', 'teng1'], ['講', 'gong2'], ['食', 'sik6'], ['飯', 'faan6'], ['水', 'seoi2'], ['火', 'fo2'],
['風', 'fung1'], ['雨', 'jyu5'], ['雪', 'syut3'], ['月', 'jyut6'], ['日', 'jat6'], ['星', 'sing1'], ['光', 'gwong1'], ['夜', 'je6'],
['春', 'ceon1'], ['夏', 'haa6'], ['秋', 'cau1'], ['冬', 'dung1'], ['花', 'faa1'], ['草', 'cou2'], ['樹', 'syu6'], ['山', 'saan1'],
['海', 'hoi2'], ['河', 'ho4'], ['魚', 'jyu4'], ['鳥', 'niu5'], ['狗', 'gau2'], ['貓', 'maau1'], ['馬', 'maa5'], ['牛', 'ngau4'],
['紅', 'hung4'], ['白', 'baak6'], ['黑', 'hak1'], ['藍', 'laam4'], ['綠', 'luk6'], ['黃', 'wong4'], ['大', 'daai6'], ['細', 'sai3'],
['高', 'gou1'], ['長', 'coeng4'], ['新', 'san1'], ['舊', 'gau6'], ['好', 'hou2'], ['靚', 'leng3'], ['開', 'hoi1'], ['關', 'gwaan1'],
['來', 'loi4'], ['去', 'heoi3'], ['行', 'haang4'], ['走', 'zau2'], ['飛', 'fei1'], ['睇', 'tai2'], ['見', 'gin3'],
['想', 'soeng2'], ['知', 'zi1'], ['道', 'dou6'], ['話', 'waa6'], ['問', 'man6'], ['答', 'daap3'], ['笑', 'siu3'], ['喊', 'haam3'],
['家', 'gaa1'], ['屋', 'uk1'], ['門', 'mun4'], ['窗', 'coeng1'], ['街', 'gaai1'], ['路', 'lou6'], ['車', 'ce1'], ['船', 'syun4'],
['朋', 'pang4'], ['友', 'jau5'], ['媽', 'maa1'], ['爸', 'baa1'], ['仔', 'zai2'], ['女', 'neoi5'], ['男', 'naam4'], ['老', 'lou5'],
['今', 'gam1'], ['明', 'ming4'], ['昨', 'zok3'], ['時', 'si4'], ['間', 'gaan1'], ['年', 'nin4'], ['早', 'zou2'], ['晚', 'maan5'],
['出', 'ceot1'], ['入', 'jap6'], ['上', 'soeng6'], ['下', 'haa6'], ['左', 'zo2'], ['右', 'jau6'], ['前', 'cin4'], ['後', 'hau6'],
['快', 'faai3'], ['樂', 'lok6'], ['夢', 'mung6'], ['希', 'hei1'], ['望', 'mong6'], ['永', 'wing5'], ['遠', 'jyun5'], ['等', 'dang2'],
['雙', 'soeng1'], ['眼', 'ngaan5'], ['手', 'sau2'], ['腳', 'goek3'], ['口', 'hau2'], ['耳', 'ji5'], ['頭', 'tau4'], ['身', 'san1'],
['銀行', 'ngan4 hong4'], ['行路', 'haang4 lou6'], ['音樂', 'jam1 ngok6'], ['快樂', 'faai3 lok6'], ['香港', 'hoeng1 gong2'], ['廣東話', 'gwong2 dung1 waa2'],
['我哋一齊唱歌', 'ngo5 dei6 jat1 cai4 coeng3 go1'], ['今日天氣好好', 'gam1 jat6 tin1 hei3 hou2 hou2'], ['海邊散步', 'hoi2 bin1 saan3 bou6'],
['搭巴士返學', 'daap3 baa1 si2 faan1 hok6'], ['街市', 'gaai1 si5'], ['生果', 'saang1 gwo2'], ['夜晚', 'je6 maan5'], ['公園', 'gung1 jyun2'],
['長大', 'zoeng2 daai6'], ['重要', 'zung6 jiu3'], ['重新', 'cung4 san1'], ['覺得', 'gok3 dak1'], ['睡覺', 'seoi6 gaau3']
];
