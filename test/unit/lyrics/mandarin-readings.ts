/** Mandarin readings (numbered Pinyin, 5 = neutral) of common characters and words; polyphones in context. */
export const MANDARIN_READINGS: ReadonlyArray<[text: string, pinyin: string]> = [
['我', 'wo3'], ['你', 'ni3'], ['他', 'ta1'], ['她', 'ta1'], ['们', 'men5'], ['的', 'de5'], ['是', 'shi4'], ['不', 'bu4'],
['一', 'yi1'], ['二', 'er4'], ['三', 'san1'], ['四', 'si4'], ['五', 'wu3'], ['六', 'liu4'], ['七', 'qi1'], ['八', 'ba1'], ['九', 'jiu3'], ['十', 'shi2'],
['天', 'tian1'], ['地', 'di4'], ['人', 'ren2'], ['心', 'xin1'], ['爱', 'ai4'], ['歌', 'ge1'], ['唱', 'chang4'], ['听', 'ting1'],
['说', 'shuo1'], ['吃', 'chi1'], ['饭', 'fan4'], ['水', 'shui3'], ['火', 'huo3'], ['风', 'feng1'], ['雨', 'yu3'], ['雪', 'xue3'],
['月', 'yue4'], ['日', 'ri4'], ['星', 'xing1'], ['光', 'guang1'], ['夜', 'ye4'], ['春', 'chun1'], ['夏', 'xia4'], ['秋', 'qiu1'],
['冬', 'dong1'], ['花', 'hua1'], ['草', 'cao3'], ['树', 'shu4'], ['山', 'shan1'], ['海', 'hai3'], ['河', 'he2'], ['鱼', 'yu2'],
['鸟', 'niao3'], ['狗', 'gou3'], ['猫', 'mao1'], ['马', 'ma3'], ['牛', 'niu2'], ['红', 'hong2'], ['白', 'bai2'], ['黑', 'hei1'],
['蓝', 'lan2'], ['绿', 'lü4'], ['黄', 'huang2'], ['大', 'da4'], ['小', 'xiao3'], ['高', 'gao1'], ['新', 'xin1'], ['旧', 'jiu4'],
['好', 'hao3'], ['开', 'kai1'], ['关', 'guan1'], ['来', 'lai2'], ['去', 'qu4'], ['回', 'hui2'], ['走', 'zou3'], ['飞', 'fei1'],
['看', 'kan4'], ['见', 'jian4'], ['想', 'xiang3'], ['知', 'zhi1'], ['问', 'wen4'], ['笑', 'xiao4'], ['哭', 'ku1'], ['家', 'jia1'],
['门', 'men2'], ['窗', 'chuang1'], ['路', 'lu4'], ['车', 'che1'], ['船', 'chuan2'], ['朋', 'peng2'], ['友', 'you3'], ['妈', 'ma1'],
['爸', 'ba4'], ['女', 'nü3'], ['男', 'nan2'], ['老', 'lao3'], ['今', 'jin1'], ['明', 'ming2'], ['时', 'shi2'], ['年', 'nian2'],
['早', 'zao3'], ['晚', 'wan3'], ['出', 'chu1'], ['入', 'ru4'], ['上', 'shang4'], ['下', 'xia4'], ['左', 'zuo3'], ['右', 'you4'],
['前', 'qian2'], ['后', 'hou4'], ['快', 'kuai4'], ['梦', 'meng4'], ['希', 'xi1'], ['望', 'wang4'], ['永', 'yong3'], ['远', 'yuan3'],
['等', 'deng3'], ['双', 'shuang1'], ['眼', 'yan3'], ['手', 'shou3'], ['脚', 'jiao3'], ['口', 'kou3'], ['耳', 'er3'], ['头', 'tou2'],
['身', 'shen1'], ['声', 'sheng1'], ['音', 'yin1'], ['字', 'zi4'], ['词', 'ci2'], ['思', 'si1'], ['热', 're4'], ['冷', 'leng3'],
['银行', 'yin2 hang2'], ['行走', 'xing2 zou3'], ['音乐', 'yin1 yue4'], ['快乐', 'kuai4 le4'], ['长大', 'zhang3 da4'], ['长度', 'chang2 du4'],
['重要', 'zhong4 yao4'], ['重复', 'chong2 fu4'], ['睡觉', 'shui4 jiao4'], ['觉得', 'jue2 de5'], ['我们一起唱歌', 'wo3 men5 yi4 qi3 chang4 ge1'],
['今天天气很好', 'jin1 tian1 tian1 qi4 hen3 hao3'], ['河边散步', 'he2 bian1 san4 bu4'], ['学校', 'xue2 xiao4'], ['市场', 'shi4 chang3'],
['新鲜', 'xin1 xian1'], ['水果', 'shui3 guo3'], ['小朋友', 'xiao3 peng2 you3'], ['公园', 'gong1 yuan2'], ['特别', 'te4 bie2'],
['响亮', 'xiang3 liang4'], ['喜欢', 'xi3 huan5'], ['自己', 'zi4 ji3'], ['中国', 'zhong1 guo2'], ['北京', 'bei3 jing1'], ['月亮', 'yue4 liang4']
];
