import { parseFigureWording, type WordingLanguage } from './figure-wording.js';
import { claimedRange } from '../tallies/figure-check.js';
import type { FigureQualifier } from './reported-figure.entity.js';

type Row = [
  text: string,
  language: WordingLanguage,
  value: number,
  qualifier: FigureQualifier,
  words: string,
];

describe('parseFigureWording: one phrase, one figure', () => {
  const rows: Row[] = [
    // --- English: ABOUT
    ['about 70', 'EN', 70, 'ABOUT', 'about 70'],
    ['Some 70 Police Officers Dismissed For Drug Abuse', 'EN', 70, 'ABOUT', 'Some 70'],
    ['around 70 officers', 'EN', 70, 'ABOUT', 'around 70'],
    ['approximately 70 officers were removed', 'EN', 70, 'ABOUT', 'approximately 70'],
    ['roughly 1,123 officers', 'EN', 1123, 'ABOUT', 'roughly 1,123'],
    ['nearly 70 officers', 'EN', 70, 'ABOUT', 'nearly 70'],
    ['almost seventy officers', 'EN', 70, 'ABOUT', 'almost seventy'],
    ['an estimated 300 police', 'EN', 300, 'ABOUT', 'an estimated 300'],
    ['close to 50 officers', 'EN', 50, 'ABOUT', 'close to 50'],
    ['70-odd officers', 'EN', 70, 'ABOUT', '70-odd'],
    ['70 or so officers', 'EN', 70, 'ABOUT', '70 or so'],
    // --- English: MORE_THAN, AT_LEAST
    ['more than 50 police officers', 'EN', 50, 'MORE_THAN', 'more than 50'],
    ['over 230 officers', 'EN', 230, 'MORE_THAN', 'over 230'],
    ['More than a dozen officers', 'EN', 12, 'MORE_THAN', 'More than a dozen'],
    ['upwards of 100 officers', 'EN', 100, 'MORE_THAN', 'upwards of 100'],
    ['at least 40 officers', 'EN', 40, 'AT_LEAST', 'at least 40'],
    ['no fewer than 40 officers', 'EN', 40, 'AT_LEAST', 'no fewer than 40'],
    ['not less than forty-two officers', 'EN', 42, 'AT_LEAST', 'not less than forty-two'],
    ['70 or more officers', 'EN', 70, 'AT_LEAST', '70 or more'],
    ['70+ officers', 'EN', 70, 'AT_LEAST', '70+'],
    // --- English: AT_MOST, FEWER_THAN
    ['up to 30 officers', 'EN', 30, 'AT_MOST', 'up to 30'],
    ['at most 30', 'EN', 30, 'AT_MOST', 'at most 30'],
    ['no more than thirty officers', 'EN', 30, 'AT_MOST', 'no more than thirty'],
    ['as many as 70 officers', 'EN', 70, 'AT_MOST', 'as many as 70'],
    ['fewer than 10 officers', 'EN', 10, 'FEWER_THAN', 'fewer than 10'],
    ['less than 10', 'EN', 10, 'FEWER_THAN', 'less than 10'],
    ['just under 100 officers', 'EN', 100, 'FEWER_THAN', 'just under 100'],
    // --- English: EXACT and number forms
    ['exactly 12 officers', 'EN', 12, 'EXACT', 'exactly 12'],
    ['40 officers', 'EN', 40, 'EXACT', '40'],
    ['1,123 officers', 'EN', 1123, 'EXACT', '1,123'],
    ['seventy officers', 'EN', 70, 'EXACT', 'seventy'],
    ['Forty-two officers', 'EN', 42, 'EXACT', 'Forty-two'],
    ['a dozen officers', 'EN', 12, 'EXACT', 'a dozen'],
    ['two hundred and five officers', 'EN', 205, 'EXACT', 'two hundred and five'],
    ['one thousand two hundred officers', 'EN', 1200, 'EXACT', 'one thousand two hundred'],
    ['a total of 67 officers', 'EN', 67, 'EXACT', 'a total of 67'],
    ['10 other Phnom Penh police officers', 'EN', 10, 'EXACT', '10'],
    // --- Khmer
    ['ជាង ៧០ នាក់', 'KM', 70, 'MORE_THAN', 'ជាង ៧០'],
    ['ប្រហែល៧០នាក់', 'KM', 70, 'ABOUT', 'ប្រហែល៧០'],
    ['មន្ត្រីនគរបាលចំនួន ៤០ នាក់', 'KM', 40, 'EXACT', '៤០'],
    ['យ៉ាងហោចណាស់ ៤០ នាក់', 'KM', 40, 'AT_LEAST', 'យ៉ាងហោចណាស់ ៤០'],
    ['យ៉ាងច្រើន ៣០ នាក់', 'KM', 30, 'AT_MOST', 'យ៉ាងច្រើន ៣០'],
    ['មិនលើសពី ៣០ នាក់', 'KM', 30, 'AT_MOST', 'មិនលើសពី ៣០'],
    ['តិចជាង ១០ នាក់', 'KM', 10, 'FEWER_THAN', 'តិចជាង ១០'],
    ['ជិត ៧០ នាក់', 'KM', 70, 'ABOUT', 'ជិត ៧០'],
    ['ប្រមាណ ២៣០ នាក់', 'KM', 230, 'ABOUT', 'ប្រមាណ ២៣០'],
    ['ច្រើនជាង ៥០ នាក់', 'KM', 50, 'MORE_THAN', 'ច្រើនជាង ៥០'],
    ['លើសពី ៥០ នាក់', 'KM', 50, 'MORE_THAN', 'លើសពី ៥០'],
    ['មិនតិចជាង ៤០ នាក់', 'KM', 40, 'AT_LEAST', 'មិនតិចជាង ៤០'],
    ['ប៉ូលិស ៧០ ជាងនាក់', 'KM', 70, 'MORE_THAN', '៧០ ជាង'],
    ['មន្ត្រីនគរបាល ១,១២៣ នាក់', 'KM', 1123, 'EXACT', '១,១២៣'],
    ['មន្ត្រី ១.១២៣ នាក់', 'KM', 1123, 'EXACT', '១.១២៣'],
    ['ជាង ២ ពាន់នាក់', 'KM', 2000, 'MORE_THAN', 'ជាង ២ ពាន់'],
    ['ប្រហែល 70 នាក់', 'KM', 70, 'ABOUT', 'ប្រហែល 70'],
    ['មន្ត្រី\u200bជាង\u200b៧០\u200bនាក់', 'KM', 70, 'MORE_THAN', 'ជាង\u200b៧០'],
  ];

  it.each(rows)('%s (%s) reads %s %s from "%s"', (text, language, value, qualifier, words) => {
    const s = parseFigureWording(text, language);
    expect(s).toEqual({
      value,
      qualifier,
      tolerance: null,
      words,
      start: text.indexOf(words),
      end: text.indexOf(words) + words.length,
    });
    expect(text.slice(s!.start, s!.end)).toBe(words);
  });

  it('covers at least 40 phrases in English and Khmer', () => {
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => r[1] === 'KM').length).toBeGreaterThanOrEqual(15);
  });
});

describe('parseFigureWording: ranges give ABOUT with the tolerance that covers both ends', () => {
  it.each([
    ['between 60 and 70 officers', 'EN', 65, 'between 60 and 70', { min: 60, max: 70 }],
    ['60-80 officers', 'EN', 70, '60-80', { min: 60, max: 80 }],
    ['60 to 75 officers', 'EN', 68, '60 to 75', { min: 60, max: 76 }],
    ['ពី ៦០ ទៅ ៧០ នាក់', 'KM', 65, 'ពី ៦០ ទៅ ៧០', { min: 60, max: 70 }],
    ['ចន្លោះពី ១០ ដល់ ២០ នាក់', 'KM', 15, 'ចន្លោះពី ១០ ដល់ ២០', { min: 10, max: 20 }],
  ] as const)('%s (%s): ABOUT %s', (text, language, value, words, claimed) => {
    const s = parseFigureWording(text, language)!;
    expect({ value: s.value, qualifier: s.qualifier, words: s.words }).toEqual({
      value,
      qualifier: 'ABOUT',
      words,
    });
    expect(claimedRange(s.value, s.qualifier, s.tolerance!)).toEqual(claimed);
  });
});

describe('parseFigureWording: several numbers, the first count of people', () => {
  it.each([
    // dates and years are no count
    ['On January 23, 2024, about 70 officers had been dismissed', 'EN', 70, 'ABOUT', 'about 70'],
    ['In 2024 the ministry fired more than 50 officers', 'EN', 50, 'MORE_THAN', 'more than 50'],
    ['Since 23 January, 12 officers were dismissed', 'EN', 12, 'EXACT', '12'],
    ['2024-01-23: 40 officers', 'EN', 40, 'EXACT', '40'],
    // units, money, percent, references, ages
    ['Within 3 days, 40 officers were suspended', 'EN', 40, 'EXACT', '40'],
    ['Under Article 12 of the law, 30 officers were removed', 'EN', 30, 'EXACT', '30'],
    ['Fines of $500 for 20 officers', 'EN', 20, 'EXACT', '20'],
    ['70 percent of the 40 officers tested positive', 'EN', 40, 'EXACT', '40'],
    ['A 45-year-old officer and 9 others', 'EN', 9, 'EXACT', '9'],
    ['seized 5 kilograms of drugs; 3 officers arrested', 'EN', 3, 'EXACT', '3'],
    // the first count of people wins over a later one
    [
      'about 70 officers dismissed since November, 40 of them drug-positive',
      'EN',
      70,
      'ABOUT',
      'about 70',
    ],
    ['Of the 5 units inspected, 230 were fired', 'EN', 230, 'EXACT', '230'],
    // no people anywhere: the first count
    ['The tally stood at 70 and then 80', 'EN', 70, 'EXACT', '70'],
    // Khmer dates
    ['ថ្ងៃទី២៣ ខែមករា ឆ្នាំ២០២៤ មន្ត្រីនគរបាលជាង ៧០ នាក់ ត្រូវបានបណ្តេញចេញ', 'KM', 70, 'MORE_THAN', 'ជាង ៧០'],
    ['រយៈពេល ៣ ខែ មន្ត្រី ៤០ នាក់', 'KM', 40, 'EXACT', '៤០'],
    ['មាត្រា ១២ មន្ត្រីប្រហែល ៣០ នាក់', 'KM', 30, 'ABOUT', 'ប្រហែល ៣០'],
  ] as const)('%s', (text, language, value, qualifier, words) => {
    const s = parseFigureWording(text, language)!;
    expect({ value: s.value, qualifier: s.qualifier, words: s.words }).toEqual({
      value,
      qualifier,
      words,
    });
    expect(text.slice(s.start, s.end)).toBe(words);
  });

  it.each([
    ['', 'EN'],
    ['No figure here.', 'EN'],
    ['On January 23, 2024', 'EN'],
    ['1.5 percent', 'EN'],
    ['COVID-19', 'EN'],
    ['ថ្ងៃទី២៣ ខែមករា ឆ្នាំ២០២៤', 'KM'],
    ['seventy', 'KM'],
  ] as const)('%j (%s) holds no figure', (text, language) => {
    expect(parseFigureWording(text, language)).toBeNull();
  });

  it('reads Khmer qualifiers only in Khmer and English ones only in English', () => {
    expect(parseFigureWording('ជាង 70', 'EN')?.qualifier).toBe('EXACT');
    expect(parseFigureWording('more than ៧០', 'KM')?.qualifier).toBe('EXACT');
  });

  it('gives offsets in the original text, after other text', () => {
    const text = 'The ministry said nearly seventy officers were dismissed.';
    expect(parseFigureWording(text, 'EN')).toEqual({
      value: 70,
      qualifier: 'ABOUT',
      tolerance: null,
      words: 'nearly seventy',
      start: 18,
      end: 32,
    });
  });
});
