"""How well `bot.privacy.mask` does: recall per kind, and what it changes in text that holds no one's data.

Usage, from the repository root: python -m benchmarks.privacy [--samples N] [--seed S]

Recall: N sentences per kind from the writers of tests/auxil/personal.py
(every writing the tests know: groupings, separators, full width, kanji
numerals, [at], IDN, 条・丁目, rooms, …); a sentence counts as caught when
none of its secrets is left in the masked text, and as named when the kind
is among those reported too.

False positives: every text of the knowledge (each string in faq.yaml and
the YAML files under knowledge/, each paragraph of the manual), every text
of the generalisation sets' FAQs in tests/data/ward/ (full of the ward's own public phone
numbers and places), tests/data/staff/, city/, helpdesk/, kokuho/ and kosodate/, every query of the
labelled sets in tests/data/, and generated machine identifiers (LINE and Slack ids, request ids,
hashes) in sentences.
It reports how many were changed at all, and lists them with what was masked; the knowledge holds no personal
data, so every change there is either a public number (an office's phone)
or a false positive.

Names written by hand: staff messages with names (memos, chat, e-mail openings and signatures, case
notes, forms, tables and lists; bare surnames, names in hiragana and katakana, foreign residents' names,
variant kanji) and messages without any (places, companies, sections, titles, words that are surnames
too), written apart from the generator and the code, in tests/data/privacy/. Forty-two sets were studied,
the rules then written from their misses: names.yaml (300 messages, 408 names; no_names.yaml, 150),
names_second.yaml (200, 271; no_names_second.yaml, 100), names_third.yaml (200, 295; 100),
names_fourth.yaml (the hardest writings, chat, tables and nicknames: 200, 298; 100), names_fifth.yaml
(consultations on case work, residents' and children's names: 200, 297; 100), names_sixth.yaml (short
messages typed in a messenger: 150, 209; 80), names_seventh.yaml (formal mails: 200, 257; 100) and
names_eighth.yaml (casual chat with surnames that are places or words, and nicknames: 200, 262; 100),
names_ninth.yaml (phone memos, counter and hand-over notes: 200, 269; 100), names_tenth.yaml (voice input
and foreign residents' names: 150, 240; 80), names_eleventh.yaml (weighted to the writings not recognised:
names before verbs, nicknames, one-kanji surnames, places read as surnames, rotas: 158, 200; 86),
names_twelfth.yaml (prefectures and cities as surnames, hiragana surnames, two-kana given names, katakana
names before さん, one-kanji surnames before と: 149, 170; no_names_twelfth.yaml, 103, with the same
words as places, nouns, loanwords and companies), names_thirteenth.yaml (casual staff chat about colleagues
and residents: 157, 185; no_names_thirteenth.yaml, 104), names_fourteenth.yaml (mail signatures and
forwarded mails, rotas, minutes, complaints quoting a resident, bare surnames, nicknames, given names,
foreigners' names in katakana and Latin letters, hiragana, voice input: 125, 166; no_names_fourteenth.yaml,
80, with the same shapes emptied of names and places, companies, products, sections and eras),
names_fifteenth.yaml (the same shapes again, with surnames that are prefectures, wards and one-kanji words,
names in file names and after roles, kana names read aloud: 145, 185; no_names_fifteenth.yaml, 82),
names_sixteenth.yaml (notices, auto-replies, quoted mails, registrations, rotas and presence boards, logs,
case records, nicknames: 150, 195; no_names_sixteenth.yaml, 82), names_seventeenth.yaml (chat and meeting
transcripts, forms, boards and rotas, registers of residents and children, nicknames, kana, romaji and
half-width names, names beside places that share them: 148, 200; no_names_seventeenth.yaml, 80),
names_eighteenth.yaml (discharge and case conferences, phone messages, overtime and receipt logs, PTA and
chat replies, class and nursery lists, English letters, names after roles and kin: 144, 211;
no_names_eighteenth.yaml, 80), names_nineteenth.yaml (health checkups, interviews, trainees' pairs and
lists, gift ledgers, sports days, volunteers' hours, call centres, surnames that are prefectures and cities,
kana surnames the dictionary lacks, names in quotes: 150, 246; no_names_nineteenth.yaml, 80),
names_twentieth.yaml (waiting lists, day services, foster care, census and exam rosters, contact chains,
mentions, kin lines, minutes, visits, counters' and duty logs: 144, 224; no_names_twentieth.yaml, 80),
names_twentyfirst.yaml (consumer complaints, volunteer matching, wreath lists, patrols, club and school
staff, radio logs, prize draws, groups split into teams, kin and rescues, ledgers: 145, 224;
no_names_twentyfirst.yaml, 80), names_twentysecond.yaml (water and housing, pick-up lists, home visits,
neighbours' trees, candidates, speeches' writers, pay accounts, room lists, condolences, questions to the bot
itself, guards' posts, nurseries and day services, shared calendars and rotas: 150, 257;
no_names_twentysecond.yaml, 80), names_twentythird.yaml (food inspections, building consultations, readers
and referees, public comments, storms, interpreters, tax clinics, press releases, lending books of things,
breakout rooms, step rankings, vCards and letters, counting votes, guards' radio, teams sent to disasters:
150, 300; no_names_twentythird.yaml, 80), names_twentyfourth.yaml (registrations of marriages, births and
deaths, lectures, meal deliveries, help desks and accounts, trips, road safety, housing, street trees, grants,
foreign residents' desk, mail headers and signatures, minutes, rotas, family support, police and court
inquiries, guest books, OCR, nurseries, festivals, councils and petitions, schools, sanitation licences, chat
logs: 150, 400; no_names_twentyfourth.yaml, 80), names_twentyfifth.yaml (care needs assessments, welfare
case records, health insurance and pensions, festivals, sports facilities, moving in and out, room bookings,
personnel moves, allotments, school-route watchers, permits, staff check-ups, circulars, accounts and ids,
official cars, tenders, chat and mail quotes, family support, disability services, evacuation support,
schools, culture and classes, approvals' routes: 150, 354; no_names_twentyfifth.yaml, 80),
names_twentysixth.yaml (after-school club pick-ups, farewell parties, training rolls, blood drives, help desk
tickets, trips, contests and awards, sports clubs, translators, complaints, guest books, file names and
mentions, Japanese classes, roads and parks, infant check-ups, contracts and council, welfare and family
registers, waste, nurseries and schools, taxes, meetings, personnel, festivals, lectures, child protection:
150, 353; no_names_twentysixth.yaml, 80), names_twentyseventh.yaml (legal advice and vaccination slots,
pest and tree requests, business trips, car and key logs, exercise classes and hall bookings, consumer
advice, drills with tasks handed out by arrows, police ranks, guest books of 区内 and 区外, allotments, tours,
council answers, funerals and donors, help desks, sign language, awards, hiragana names after roles: 150,
370; no_names_twentyseventh.yaml, 80), names_twentyeighth.yaml (shelter rolls and pets, library loans and
reservations, parking permits, nursery selection, tax and insurance arrears, road works, dog registration,
phone memos, moving in and out, parks, early voting staff, after-school clubs, care assessments, legal advice,
festivals, neighbourhood patrols and circulars, foreign residents' desk, sports halls, council questions,
fire brigade, childcare, staff welfare and help desk, refuse and public housing: 150, 307;
no_names_twentyeighth.yaml, 80), names_twentyninth.yaml (tax return counters, care assessments, child
allowance notices, road cave-ins, ward festival stalls, security cameras and guards, circulars' stamp order,
centenarians, new year receptions, building passes, graves, consumer advice, tax arrears visits, allotments,
night duty logs, staff rotas and appraisals, schools' ALTs and ceremonies, roles typed word by word: 150, 368;
no_names_twentyninth.yaml, 80), names_thirtieth.yaml (vacant houses, community cats, children's cafeterias,
benefit payments, school aid, moving in and out, road occupancy, council members' requests, the ward's
magazine, phone messages, elderly salons, business trips, name plates and seat charts, hand-overs by arrows,
drills, neighbourhood associations, culture festivals, pensions, hiring, park permits, staff chat: 150, 346;
no_names_thirtieth.yaml, 80), names_thirtyfirst.yaml (forms read by OCR with a space between characters,
elderly bus trips, family support matching, drill roll calls, legal advice logs, interpreters, Slack and
English chat, refuse complaints, funerals, sports clubs, health checks, allotment draws, Japanese classes,
roles before katakana or hiragana names, children before their age, speakers in 【】, names after 名前 は:
100, 211; no_names_thirtyfirst.yaml, 60), names_thirtysecond.yaml (welfare case conferences' minutes,
meeting-room booking logs, staff transfer notices, summer-festival stalls, after-school club pick-ups,
official-car logs, donations, award ceremonies, phone hand-offs, care-need assessments, English mails,
training lecturers, and the misses the earlier rounds left: 100, 228; no_names_thirtysecond.yaml, 60),
names_thirtythird.yaml (poll-worker assignments and library reservation slips written fresh, summer
festivals, pick-ups, donations, awards, hand-offs, case conferences, English mails, and the misses the earlier
rounds left: 100, 180; no_names_thirtythird.yaml, 60), names_thirtyfourth.yaml (year-end tax adjustment forms,
telework and childcare-leave plans, golden-wedding celebrations, community bus complaints, scholarships,
home-helper dispatch, consent for the ward's SNS photos, convenience-store certificate errors, staff safety
checks after an earthquake, book-repair volunteers, the children's assembly, cooling shelters, cleaning
contractors, the internal mail run, and the misses the earlier rounds left: 150, 301;
no_names_thirtyfourth.yaml, 80), names_thirtyfifth.yaml (hand-over notes, phone memos, visit logs, chat lines,
rows pasted from Excel, OCR text, mail headers, attendance marks, and the misses the earlier rounds left: 98,
216; no_names_thirtyfifth.yaml, 50), names_thirtysixth.yaml (readings in a CSV's or a table's column, OCR's
spaced characters in quotes, names between a form's underscores, lists in mixed scripts joined by ・ or
semicolons, names a caller gave in quotes, hiragana full names, maiden names after a spaced の: 50, 100;
no_names_thirtysixth.yaml, 25, with shops and firms listed), names_thirtyseventh.yaml (hiragana full names,
key=value labels, hiragana surnames in 〔〕, shifts joined by 〜, a katakana surname quoted before です, and
mail signatures, minutes with 発言者, shift tables, OCR's odd spacing, voice input, readings in parentheses,
titles, foreign residents' records and bare lists written fresh: 59, 114; no_names_thirtyseventh.yaml, 25,
with old shops, facility tables with readings and kin before 国保 or 方), names_thirtyeighth.yaml (chat logs
with timestamps, CSV rows, 回覧 stamps, 宛名 lines, phone memos, weekday rosters, casual and dialect endings,
names split by line breaks, romaji, and the leftovers created_by=おおにし and 担当 たなか ほか: 50, 94;
no_names_thirtyeighth.yaml, 25, with 鶴屋吉信 and 亀屋良長), names_thirtyninth.yaml (calendar
invites, voicemail transcripts, key-box logs, seating charts, farewells, variant kanji, full-width romaji,
内線 and (代), questionnaires, one-kanji surnames, given names alone, emoji bullets, names before particles,
and the leftovers created_by=おおにし and 担当 たなか ほか: 53, 115; no_names_thirtyninth.yaml, 25, with
鶴屋吉信 and 亀屋良長 standing alone), names_fortieth.yaml (minutes with speaker labels, forms' fields,
rosters with readings, variant kanji, hiragana children, foreign residents in katakana and kanji, Latin names
in Japanese order, titles, signature blocks, hand-over notes, quoted speech, and the leftover 翔が熱出した:
58, 120; no_names_fortieth.yaml, 25, with ｼﾐｽﾞ ｹﾝｾﾂ 様 and a town read aloud in kana), names_fortyfirst.yaml
(complaint memos, personnel notices, award and training lists, condolences, chat exports with the sender
over the time, JSON and CSV exports, circulars, 氏 and 殿, katakana readings, roles in a header, forwarded
subjects, and the leftovers 邊 さん, 火 茅野（ちの） and ぱんだ組の はると が: 47, 110;
no_names_fortyfirst.yaml, 25, with firms and old shops), names_fortysecond.yaml (hand-over notes, visit logs,
minutes in 【】, contact books, extension lists and seating charts, quoted reply-all threads, voice memos,
old-style kanji, foreign residents, nicknames, and the leftovers of a JSON "kana" value, staff 宮内 and
担当CW: 32, 71; no_names_fortysecond.yaml, 25, with うさぎ組の ぱんだ が, 「とらや」の羊羹 and old shops).
Thirty-four held-out pairs have never been studied: names_holdout.yaml (200 messages, 277 names; written
before the seventeenth session's rules) and names_holdout_second.yaml (200, 278; written before the
eighteenth's), each with 100 messages without names, names_holdout_third.yaml (158, 199, weighted
towards the writings not recognised; no_names_holdout_third.yaml, 86), written before names_eleventh.yaml
and its rules, and names_holdout_fourth.yaml (161, 193: names before copulas and at a message's end, in
file names and romaji, places and hiragana surnames, short given names, typos; no_names_holdout_fourth.yaml,
110, with places, companies, products, nouns and facilities' names), written before names_twelfth.yaml and
its rules by the same hand, and names_holdout_fifth.yaml (157, 185: casual staff chat about colleagues and
residents; no_names_holdout_fifth.yaml, 104), written before names_thirteenth.yaml and its rules by the
same hand, in the same shapes, and names_holdout_sixth.yaml (150, 194: the shapes of names_fourteenth.yaml;
no_names_holdout_sixth.yaml, 100), written before names_fourteenth.yaml and its rules, without reading the
masker's code, and names_holdout_seventh.yaml (145, 186: the shapes of names_fifteenth.yaml in other words;
no_names_holdout_seventh.yaml, 82), written before names_fifteenth.yaml and its rules, without reading the
masker's code either, and names_holdout_eighth.yaml (150, 214: situations the earlier sets lack, such as
incident reports, registrations, pasted CSV and JSON, rare and kana surnames; no_names_holdout_eighth.yaml,
81), written before names_sixteenth.yaml and its rules, without reading the masker's code, and
names_holdout_ninth.yaml (150, 221: rosters, seat charts, tickets, spreadsheet formulas, file paths, user
ids, returned mail, collection and welfare case notes, minutes, romaji and kana names;
no_names_holdout_ninth.yaml, 82), written before names_seventeenth.yaml and its rules, without reading the
masker's code, and names_holdout_tenth.yaml (146, 228: care conferences, fax covers, English mails, shift
swaps, visits to homes, quoted complaints, voice memos, logs, staffing lists, signatures on receipts;
no_names_holdout_tenth.yaml, 80, with companies, products, places and words that are surnames too),
written before names_eighteenth.yaml and its rules, without reading the masker's code, and
names_holdout_eleventh.yaml (150, 236: car and room bookings, lost property, shelters' and lending logs,
lunch orders, tickets' comments, allergy lists, centenarians, pets, graves, interpreters;
no_names_holdout_eleventh.yaml, 80), written before names_nineteenth.yaml and its rules, without reading
the masker's code, and names_holdout_twelfth.yaml (150, 230: meeting invites, hometown-tax donors, bank
transfer names, guardianship, damage surveys, petitions, business cards, extension lists, housing
lotteries, hangul, initials and emoji; no_names_holdout_twelfth.yaml, 80), written before
names_twentieth.yaml and its rules, without reading the masker's code, and names_holdout_thirteenth.yaml
(150, 234: photo captions, drill roll calls, library holds, bereavements, absence calls, accident reports,
referral letters, seminar questions, interview sheets, cleaning rotas, SOAP notes, voice memos, seat plans;
no_names_holdout_thirteenth.yaml, 80), written before names_twentyfirst.yaml and its rules, without reading
the masker's code, and names_holdout_fourteenth.yaml (150, 267: tax forms, travel claims, seal registration,
owners of vacant houses, boundary surveys, letters to the mayor, party rolls, visitor badges, task boards,
status lines, labels, queues and tickets; no_names_holdout_fourteenth.yaml, 80), written before
names_twentysecond.yaml and its rules, without reading the masker's code, and names_holdout_fifteenth.yaml
(150, 282: furigana in the family register, harassment and evaluations, reviews and posts naming staff,
transcripts, comments and tracked changes, food banks, outreach, abuse reports, races, farmland, lawsuits,
mail merges, calendar and attendance reports, diffs; no_names_holdout_fifteenth.yaml, 82), written before
names_twentythird.yaml and its rules, without reading the masker's code, and names_holdout_sixteenth.yaml
(150, 356: school enrolment, library reminders, election staffing, health check-ups, shelters' rolls,
parking permits, the volunteer fire brigade, pet registration, phone memos of complaints, chat exports with
timestamps; no_names_holdout_sixteenth.yaml, 80), written before names_twentyfourth.yaml and its rules,
without reading the masker's code, and names_holdout_seventeenth.yaml (150, 341: tax counter queues, nursery
waiting lists, home-visit rosters, interview schedules, handwritten forms transcribed, minutes with speakers,
pasted mail signatures, bulky refuse, classes, vaccinations, public housing, seating, foreign residents'
desk, lost property; no_names_holdout_seventeenth.yaml, 80), written before names_twentyfifth.yaml and its
rules, without reading the masker's code, and names_holdout_eighteenth.yaml (150, 336: shelter check-in
lists, community association and PTA rosters, volunteer sign-ups, Teams chats with display names, business
cards, condolence and congratulation lists, election staff, overtime approvals, library reservations, phone
memos at a counter; no_names_holdout_eighteenth.yaml, 80), written before names_twentysixth.yaml and its
rules, without reading the masker's code, and names_holdout_nineteenth.yaml (150, 359: hiring interview
schedules, training attendance, counter shift swaps, complaint call logs, minutes with speakers in brackets,
quoted mail threads, seating charts, welfare case hand-overs, school visits, sports-day and festival duties,
circulars' stamp order; no_names_holdout_nineteenth.yaml, 80), written before names_twentyseventh.yaml and
its rules, without reading the masker's code, and names_holdout_twentieth.yaml (150, 320: study-trip rolls,
LINE chats pasted with times and speakers, watch-over visit logs, PTA phone trees, interpreters' schedules,
personnel move notices, award nominations, lost-and-found logs, coming-of-age committees, story-time
volunteers, school lunch allergy lists, condolences, residents' meetings' speakers;
no_names_holdout_twentieth.yaml, 80), written before names_twentyeighth.yaml and its rules, without reading
the masker's code, and names_holdout_twentyfirst.yaml (150, 378: election-day staff tables, health-check
reception slips, residents' briefing minutes, nursery pick-up lists, training attendance, counter hand-over
notes, park-cleaning rosters, forwarded mails with signatures and quoted headers, census enumerators, pool and
marathon duties; no_names_holdout_twentyfirst.yaml, 80), written before names_twentyninth.yaml and its rules,
without reading the masker's code, and names_holdout_twentysecond.yaml (150, 345: shelter check-in cards,
library holds and overdue lists, tax counter tickets, welfare case conferences' minutes, school-route watch
rotas, staff condolence and celebration money, parking permit ledgers, LINE chats pasted with display names,
OCR'd handwritten forms with a space between every character, surnames with 様, 殿, 氏, 君, くん and ちゃん in
long running text; no_names_holdout_twentysecond.yaml, 80), written before names_thirtieth.yaml and its rules,
without reading the masker's code, and names_holdout_twentythird.yaml (100, 256: sports-day programme
duties, ward-assembly question lists, welfare-visit route sheets, recycling-station rotas, PTA and
neighbourhood-association officers, meeting-room booking logs, hiring interview schedules, staff transfer
notices, Teams chats with "surname given name (section)" display names, e-mail CC lines;
no_names_holdout_twentythird.yaml, 60), written before names_thirtyfirst.yaml and its rules, without reading
the masker's code, and names_holdout_twentyfourth.yaml (100, 248: disaster-drill roll calls, volunteer fire
brigade rosters, poll-worker assignments, childcare waiting-list notes, library reservation slips, tax-counter
queue notes, LINE group exports with display names, transcribed handwritten memos, names with furigana;
no_names_holdout_twentyfourth.yaml, 60), written before names_thirtysecond.yaml and its rules, without reading
the masker's code, and names_holdout_twentyfifth.yaml (100, 205: citizen-lecture attendance lists,
business-trip approval chains, call-centre escalation notes, school-lunch allergy lists, bicycle-parking
permit rolls, senior-club rosters, ward newsletter interview credits, Slack threads with @mentions, scanned
sign-in sheets with 様 and 殿; no_names_holdout_twentyfifth.yaml, 60), written before names_thirtythird.yaml
and its rules, without reading the masker's code, and names_holdout_twentysixth.yaml (100, 218: sister-city
homestay hosts, student interns' placements, council and committee appointments, device lending ledgers,
morning-assembly speakers, locker assignments, lost children at events, pupils' study visits, audit and budget
hearings, silver human resources jobs, reading-aloud volunteers, promotion exams, construction noise
complaints, stamp-rally winners, bathhouse tickets, stockpile checks, flower-bed volunteers, commuting
allowances, joint research; no_names_holdout_twentysixth.yaml, 60), written before names_thirtyfourth.yaml and
its rules, without reading the masker's code, and names_holdout_twentyseventh.yaml (101, 253: hand-over notes,
phone memos, visitor and home-visit logs, chat lines, rows pasted from Excel, OCR text, mail headers and
signatures, @mentions, maiden names, romaji in capitals, foreign names; no_names_holdout_twentyseventh.yaml,
60), written before names_thirtyfifth.yaml and its rules, without reading the masker's code (its misses were
printed once before the studied pair was written), and names_holdout_twentyeighth.yaml (102, 221: Markdown
tables, key=value and JSON-like log lines, attendees parted by semicolons, checkbox lists, half-width
katakana, before/after change notes, quoted mail replies, names in ＜＞ 〔〕 『』, names with ヶ and ノ,
web forms, hashtags, shifts joined by 〜, roll calls, approval stamps; no_names_holdout_twentyeighth.yaml,
60), written before names_thirtysixth.yaml and its rules, without reading the masker's code or its misses,
and names_holdout_twentyninth.yaml (101, 227: mail signatures and forwarded headers, minutes with 発言者,
shift tables, OCR'd forms with odd spacing, voice input without punctuation, readings in parentheses, names
with 様 殿 氏 先生 くん ちゃん, foreign residents' records in katakana, lists without honorifics;
no_names_holdout_twentyninth.yaml, 60), written before names_thirtyseventh.yaml and its rules, without
reading the masker's code or its misses, and names_holdout_thirtieth.yaml (101, 210: chat logs pasted with
timestamps, CSV rows pasted as text, 回覧 stamps, 宛名 lines in letters, telephone memos, duty rosters by
weekday, names with casual or dialect endings (っち, ちゃん, どん), names split by line breaks, staff's names
in romaji; no_names_holdout_thirtieth.yaml, 62, with old confectioners), written before
names_thirtyeighth.yaml and its rules, without reading the masker's code or its misses, and
names_holdout_thirtyfirst.yaml (102, 200: calendar invites, voicemail transcripts, key-box logs, seating
charts, farewells, old and variant kanji, full-width romaji and English titles, 内線 and (代), questionnaires,
one-kanji surnames, given names alone, emoji bullets, names before particles in running text;
no_names_holdout_thirtyfirst.yaml, 61, with old shops and software named like people), written before
names_thirtyninth.yaml and its rules, without reading the masker's code or its misses, and
names_holdout_thirtysecond.yaml (100, 227: minutes with speaker labels, application forms' fields, rosters
with readings in parentheses, old and variant kanji, children's names in hiragana, foreign residents' names in
katakana with ・ or ＝ and in kanji, Latin names in Japanese order, names before job titles, e-mail signature
blocks, hand-over notes, names in quoted speech; no_names_holdout_thirtysecond.yaml, 60, with old shops and
confectioners), written before names_fortieth.yaml and its rules, without reading the masker's code or its
misses, and names_holdout_thirtythird.yaml (101, 247: residents' complaint memos, personnel-change notices,
award and training lists, condolence notices, Teams and Slack exports with the sender and the time on lines
of their own, JSON and CSV exports, PTA and 自治会 circulars, names with 氏 or 殿, names in katakana alone,
names in parentheses after a role in a table's header, forwarded mails' subjects;
no_names_holdout_thirtythird.yaml, 60, with firms, old shops and confectioners), written before
names_fortyfirst.yaml and its rules, without reading the masker's code or its misses, and
names_holdout_thirtyfourth.yaml (101, 272: shift handover notes, case workers' visit logs, minutes with
the speaker in 【】, contact books, seating charts and extension lists, reply-all threads quoted with >,
voice memos without punctuation, old-style kanji, foreign residents in katakana with ・ or in romaji,
nicknames and given names among colleagues, names with 先生, くん and ちゃん;
no_names_holdout_thirtyfourth.yaml, 62, with firms, old shops, places, systems and a product called さん),
written before names_fortysecond.yaml and its rules, without reading the masker's code or its misses; only
their counts are printed. A name counts as caught when none of its words is left in the masked message,
leaving out the message's listed ``words`` that hold a name's characters but are no name (松本市 beside
松本さん).

Other personal data written by hand: staff messages holding My Numbers, phone numbers, e-mail and
street addresses, postal codes, birth dates and the numbers of ID cards and accounts (no names), in
every way people type them (chat, mails, memos, pasted tables, voice input, full width, kanji numerals,
labels or none), written apart from the code by someone who never ran the masker, with messages full of
work numbers that must stay: personal_studied.yaml (150 messages, 194 items; no_personal_studied.yaml,
100), whose misses the nineteenth session's rules were written from, and personal_holdout.yaml (150, 208;
no_personal_holdout.yaml, 100), written at the same time and never studied: only its counts are printed;
and personal_holdout_second.yaml (138, 189, weighted towards birth dates, street addresses and ID and
account numbers; no_personal_holdout_second.yaml, 60), written before the next session's rules and never
studied either, with personal_studied_second.yaml (121, 165; no_personal_studied_second.yaml, 60), in the
same kinds and other words, whose misses that session's rules were written from; and
personal_holdout_third.yaml (85, 110: every kind, insurers', insured persons', account, pension,
licence and passport numbers among them; no_personal_holdout_third.yaml, 62, full of extension, document,
ticket and version numbers, counts, amounts and statute articles), written before the next session's
rules without reading the masker's code, never studied, with personal_studied_third.yaml (79, 97;
no_personal_studied_third.yaml, 60), in the same kinds and other words, whose misses that session's rules were
written from; and personal_holdout_fourth.yaml (91, 118: every kind as staff type it in chat, full-width
digits, spaced digits, kana read aloud by voice input, labels far from their value, pasted forms, tables and
lists with several items; no_personal_holdout_fourth.yaml, 60, full of extension, document, case and ticket
numbers, amounts, counts, rooms, versions, times, fiscal years and ordinance articles), written the same way
before the next session's rules, never studied, with personal_studied_fourth.yaml (80, 105;
no_personal_studied_fourth.yaml, 60), whose misses that session's rules were written from; and
personal_holdout_fifth.yaml (98, 127: every kind in chat, mails with quotes and headers, pasted forms and
tab-separated lists, voice input in hiragana and katakana, full width, kanji numerals and ○ for zero, labels
with typos or far from their value, Latin-letter addresses, several items in a message;
no_personal_holdout_fifth.yaml, 62, full of extension, document, case and ticket numbers, receipt numbers,
amounts, counts, rooms, versions, addresses of servers, times, fiscal years, eras and ordinance articles),
written the same way before the next session's rules without reading or running the masker on it, never
studied, with personal_studied_fifth.yaml (99, 128; no_personal_studied_fifth.yaml, 62), in the same shapes
and other words, whose misses that session's rules were written from; and personal_holdout_sixth.yaml (119,
151: pasted forms and tables, mail signatures, LINE-like chat, numbers read aloud or in kanji, values broken
across lines, addresses of many prefectures with Kyoto's 上ル・下ル・西入ル and rural 字・大字, phones with
extensions and in international forms, era birth dates, accounts with bank and branch, insurance and pension
numbers; no_personal_holdout_sixth.yaml, 60, full of extension, document, contract and ticket numbers,
amounts, counts, statistics, statute articles, versions, times and dates of work), written the same way
before the next session's rules without reading the masker's code, never studied, with
personal_studied_sixth.yaml (96, 119; no_personal_studied_sixth.yaml, 60), in other shapes (phone memos, CSV
and key=value lines, PDF copies, chat, Kyoto's streets and rural 字, extensions, era dates), whose misses that
session's rules were written from; and personal_holdout_seventh.yaml (108, 143: OCR'd text with O for 0 and l
for 1, numbers split by a page break, addresses in romaji or with 番地の, phones in words mixed with digits,
Excel-pasted tables with English headers, PDFs' spaced letters, signatures with unusual TLDs;
no_personal_holdout_seventh.yaml, 60), written the same way before the next session's rules without reading
the masker's code, never studied; and personal_holdout_eighth.yaml (127, 146: voice transcripts mixing
words and digits, items inside URLs and file names, chat with emoji and kaomoji, headerless CSV and TSV rows,
romaji and English labels with the value in parentheses, postal codes of seven digits after an address,
kanji block numbers, katakana addresses, landlines of every area-code length, plus-addressed e-mails;
no_personal_holdout_eighth.yaml, 60, with model and lot numbers among the work numbers), written the same way
before the next session's rules without reading the masker's code, never studied, with
personal_studied_eighth.yaml (56, 65; no_personal_studied_eighth.yaml, 30), in other shapes (JSON dumps,
HTML cells, pipe tables, quoted mails, signatures, SMS, apartment blocks, OCR's commas for dots, every digit
spaced), whose misses that session's rules were written from; and personal_holdout_ninth.yaml (112, 139: items
split over two quoted chat messages, spreadsheet formulas, Markdown, envelope addresses, phones abroad and
with extensions, Western-order birth dates, care insurance, pension and licence numbers, OCR's letters;
no_personal_holdout_ninth.yaml, 60), written the same way, never studied, with personal_studied_ninth.yaml
(60, 68; no_personal_studied_ninth.yaml, 30), in other shapes (dot leaders, XML and YAML keys, bot commands,
timestamped chat lines), whose misses that session's rules were written from; and personal_holdout_tenth.yaml
(115, 134: CSV lines with quoted fields, keigo with the label far from the value, digits dictated in katakana,
full and half width mixed in one item, ticket notifications, OCR with stray spaces, text a character per line,
footnotes, ditto marks, accounting lines; no_personal_holdout_tenth.yaml, 60), written the same way, never
studied, with personal_studied_tenth.yaml (59, 74; no_personal_studied_tenth.yaml, 30), in other shapes (form
confirmations, Q and A, hiragana and abbreviated labels, labels in brackets, key=value pairs), whose misses
that session's rules were written from; and personal_holdout_eleventh.yaml (110, 139: iCalendar lines,
mailto: and tel: links, HTML inputs, invisible and exotic digits inside an item, kanji numerals in a line,
items corrected or half remembered, pension numbers, insurance cards, vehicle plates, speech-to-text with
fillers, log lines and stack traces, quote blocks, TSV and merged cells;
no_personal_holdout_eleventh.yaml, 60), written the same way, never studied, with
personal_studied_eleventh.yaml (60, 71; no_personal_studied_eleventh.yaml, 30), in other shapes
(percent-escaped URLs, emoji, Chinese and Korean labels, legal numerals, soft hyphens and word joiners,
wave dashes, strikethrough corrections, code blocks, mail headers, form boxes), whose misses
that session's rules were written from; and personal_holdout_twelfth.yaml (113, 141: YAML, escaped JSON,
SQL, Markdown tables, spreadsheet formulas building a value, MECARD and LDIF, digits dictated with の, values
continued on the next line, half-width katakana and romaji labels, rural, Kyoto and Hokkaido addresses,
局番 words, fax, 050 and foreign phones, plus-tagged and Japanese-domain e-mails, 住民票コード and welfare
numbers, era abbreviations, OCR'd tables; no_personal_holdout_twelfth.yaml, 60, with corporate numbers),
written the same way, never studied, with personal_studied_twelfth.yaml (56, 69;
no_personal_studied_twelfth.yaml, 34), in other shapes (TOML and INI, Python dicts, PowerShell lines,
semicolon CSV, digits dictated with ハイフン, 地割, 号棟, 番外地, (市外)(市内) marks, punycode e-mails, era
letters with dots or 元), whose misses that session's rules were written from; and
personal_holdout_thirteenth.yaml (119, 140: PDFs' spaced characters and broken labels,
voice input spelling digits in hiragana or saying アットマーク, numbers wrapped across lines, full
and half width in one item, health insurance and pension numbers, vehicle and moped plates, bank
transfers and 全銀 lines, residence cards and passports, old-style addresses with 番地ノ, 番戸,
大字 and 〇; no_personal_holdout_thirteenth.yaml, 60), written the same way before the next
session's rules without reading the masker's code, never studied, with personal_studied_thirteenth.yaml
(61, 71; no_personal_studied_thirteenth.yaml, 32), in other situations (delivery slips, fax headers,
forwarded SMS, letters typed from vertical writing, ☎ and ℡, dashes of other code points, tax and
allowance records' numbers, credit-union and current accounts), whose misses that session's rules were
written from; and personal_holdout_fourteenth.yaml (123, 154: welfare case numbers, nursery applicants',
library cards', pupils', 宛名番号, utilities' customers', patients', dog licences', seal cards', disability
certificates', tenants' and scholarship numbers, receipt numbers tied to a resident, branch numbers beside
accounts, credit card numbers and their last digits, spreadsheet rows with tabs, eight-digit birth dates,
OCR's O, l, I, S and B, phones with extensions, slashes and +81 (0), addresses with buildings and rooms,
e-mails with ＃ or 🐱 for @, (at), AT and DOT, or their parts given apart;
no_personal_holdout_fourteenth.yaml, 60), written the same way before the next session's rules without
reading the masker's code, never studied, with personal_studied_fourteenth.yaml (61, 72;
no_personal_studied_fourteenth.yaml, 32), in other situations (job seekers', insurance policies', patients'
and chart numbers, 本籍, inquiries, delivery slips, JA accounts, cards read aloud, defanged e-mails with [.]
and [@], commas for dots, 様方 and 番地先, rooms lettered A-203, (代), 直通 and ダイヤルイン), whose
misses that session's rules were written from; and personal_holdout_fifteenth.yaml (125, 157: basic pension,
mutual-aid and employment insurance numbers, health insurance cards read out in long sentences, driver's
licences, passports, residence cards, e-Tax ids, vehicle, moped and bicycle plates, numbers in kanji or full
width inside long sentences, phones in pasted tables and TEL/携帯/FAX memo lines, addresses split across
lines or written backwards, e-mails in signatures and mailto links, era birth dates abbreviated as S45.3.2 or
H1/2/3; no_personal_holdout_fifteenth.yaml, 60), written the same way before the next session's rules without
reading the masker's code, never studied, with personal_studied_fifteenth.yaml (60, 69;
no_personal_studied_fifteenth.yaml, 32), in other situations (cremation permits, disaster victims' registers,
public housing, utilities' and carriers' customers, after-school clubs, pharmacies, co-ops, insurers and
qualifications, courts and police, foreign ids, vCards and quoted reply headers, ☎ and 📱, 様方, abbreviated
eras such as H.2.5.8, S47/11/3 and 平2.4.1), whose misses that session's rules were written from; and
personal_holdout_sixteenth.yaml (117, 138: certificates' 交付番号 and 受付番号, voters' list numbers after a
polling district, welfare, nursing-care and medical aid recipients' numbers, 店番/口座 pairs, credit card
numbers, phones read aloud in kana or split across a line break, flats with building names and rooms, romaji
addresses, e-mails in quoted reply headers, birth dates beside an age, CSV and TSV rows;
no_personal_holdout_sixteenth.yaml, 60), written the same way before the next session's rules without reading
the masker's code, never studied, with personal_studied_sixteenth.yaml (60, 66;
no_personal_studied_sixteenth.yaml, 32), in other situations (tax, disability and maternal-child
certificates, benefit applications, polling stations' slips, intractable and child chronic
diseases, 支店コード and 口番, Diners and UnionPay cards, phones dictated with の or in kanji, flats
named first, romaji with chome, Japanese quoted headers, ages with 才, semicolon, pipe and quoted
rows), whose misses that session's rules were written from; and personal_holdout_seventeenth.yaml (124, 145:
residence card, special permanent resident and passport numbers, driver's licence numbers, basic pension
numbers, health insurance cards' 記号・番号 pairs, car plates, residents' LINE IDs and SNS handles, private
fax numbers, workplace phones with a person's extension, addresses with 番地 in kanji numerals or 番地の,
full-width postal codes, western birth dates with a weekday, AI-OCR output with odd spacing;
no_personal_holdout_seventeenth.yaml, 60), written the same way before the next session's rules without
reading the masker's code, never studied, with personal_studied_seventeenth.yaml (63, 69;
no_personal_studied_seventeenth.yaml, 32), in other situations (employers' reports on foreign workers,
shelters' intake sheets, pension notices, medical expense refunds, bicycle registrations, parking permits,
Skype and Threads names, faxes in letterheads, switchboards with a person's extension, 番地ノ, full-width
postal codes without 〒, AI-OCR output of other forms), whose misses that session's rules were written from;
and personal_holdout_eighteenth.yaml (125, 136: bank accounts with branch codes, ゆうちょ's 記号-番号, credit
card numbers in groups, nursing-care insurance and medical aid recipients' numbers, students' and patients'
numbers, cars' 車台番号, the IP address of a resident's device, URLs carrying a person's id or e-mail address,
abbreviated era birth dates, ages with a birth month, flats with a building and a room, addresses split over
two lines, phones read aloud in katakana or with words between their groups, smartphone forms with emoji;
no_personal_holdout_eighteenth.yaml, 60), written the same way before the next session's rules without
reading the masker's code, never studied, with personal_studied_eighteenth.yaml (60, 67;
no_personal_studied_eighteenth.yaml, 32), in other situations (口座振替依頼書 read by OCR, JA and
労金 accounts, ゆうちょ's old 記号番号, cards in a call centre's chat, 後期高齢者医療 and 生活保護 numbers,
受験番号, inpatients' IDs, 17-character VINs, a device's MAC address, URLs with a phone or a user's path,
era letters with a dot or a 0, 荘 and 号棟-号室, 番地 and 建物名 fields, phones read aloud with まる or
words between groups, emoji forms of other apps), whose misses that session's rules were written from;
and personal_holdout_nineteenth.yaml (121, 143: 住民票コード, 基礎年金番号 told or copied, health insurance
cards' 記号・番号・枝番, twelve-digit driver's licence numbers, passport and residence card numbers with
spaces or hyphens, phones in tables pasted with | or tab columns, addresses with 丁目・番地 in kanji
numerals, e-mail addresses broken across lines by a mail client, birth dates with the era in parentheses,
ages beside a name's mask, LINE IDs and SNS handles, number plates; no_personal_holdout_nineteenth.yaml,
60), written the same way before the next session's rules without reading the masker's code, never studied,
with personal_studied_nineteenth.yaml (52, 60; no_personal_studied_nineteenth.yaml, 32), in other situations
(transfer slips, survivors' pensions, mutual-aid and seamen's insurance cards, accident reports, foreign
residents' moving in and school enrolment, kintone and CSV exports, 本籍 and land registers in kanji numerals,
quoted-printable and quoted mails, era birth dates in brackets, nursery and care lists, child-rearing
circles' LINE IDs and YouTube channels, plates in complaints, a ゆうちょ account dictated in hiragana digits,
a published office's 代表 and FAX), whose misses that session's rules were written from;
and personal_holdout_twentieth.yaml (82, 110: a resident's numbers in CSV rows and JSON or HTML form
dumps, full-width and half-width digits mixed within one number, a workplace's phone with 内線 after it,
addresses abbreviated to hyphens with the room (3-5-2-801), accounts after a bank's name in katakana,
e-mail addresses with plus-addressing or subdomains, birth dates with 生 or 生まれ after a Western date,
vaccination and health-check numbers, nursery and school application numbers;
no_personal_holdout_twentieth.yaml, 50), written the same way before the next session's rules without
reading the masker's code, never studied, with personal_studied_twentieth.yaml (48, 63;
no_personal_studied_twentieth.yaml, 32), in other situations (resident tax refunds in CSV, Google Forms and
LoGoフォーム answers as JSON or key=value, markdown tables, OCR output in mixed widths, hospitals' and
workplaces' 内線 or 内, returned mail and delivery slips with hyphenated rooms, 公金受取口座 after katakana
banks, school and company mail with + tags or subdomains, 生 and 生まれ in care and child records,
children's 予診票 and health-check numbers, 児童館 and after-school registrations, a ゆうちょ account read
aloud, an Instagram handle after a word), whose misses that session's rules were written from;
and personal_holdout_twentyfirst.yaml (88, 102: a resident's data read aloud and typed as heard in katakana,
hiragana or kanji numerals, numbers split across two lines of a pasted form, 基礎年金番号, 宛名番号 and
納税義務者番号, insurance cards' 記号・番号・枝番, vehicle plates, passports, residence cards and special
permanent resident certificates, postal codes with 〒 and without, addresses written building first, birth
dates in era shorthand (H2.4.1, S63生); no_personal_holdout_twentyfirst.yaml, 50), written the same way
before the next session's rules without reading the masker's code, never studied, with
personal_studied_twentyfirst.yaml (48, 68; no_personal_studied_twentyfirst.yaml, 32), in other situations
(speech-to-text transcripts and voice memos, SMS and LINE consultations, letters typed in kanji numerals,
国民年金 exemptions, 高額療養費, 児童扶養手当, 介護認定 visits, foreign residents joining 国保, scrapped cars,
lists of people needing help in a disaster, returned mail, e-application logs, CSV rows without a header),
whose misses that session's rules were written from;
and personal_holdout_twentysecond.yaml (83, 103: a resident's pasted e-mail signature, a form's confirmation
screen with labels in English, hyphens written as ハイフン or as ー, My Number cards' PINs and security codes,
資格確認書 and 資格情報のお知らせ, accounts as 支店番号-口座番号, addresses with 字, 大字 and 番地の,
birth years in a child's record (令和5年生); no_personal_holdout_twentysecond.yaml, 50), written the same
way before the next session's rules without reading the masker's code, never studied, with
personal_studied_twentysecond.yaml (48, 57; no_personal_studied_twentysecond.yaml, 32), in other situations
(replies quoted with >, tab-separated rows, 固定資産税 and 国保税 refunds, 戸籍 requests by mail, online
転出届, 就学援助, 粗大ごみ, OCR of handwritten forms, handbooks after 番号、 and a spaced 第, passports'
letters and postal codes read aloud), whose misses that session's rules were written from;
and personal_holdout_twentythird.yaml (87, 114: residents typing their own data into the bot's question box
and its feedback form, ふるさと納税's one-stop forms, nurseries' emergency contact cards, 見守りキーホルダー,
空き家バンク, absentee voting from a hospital or a stay away, renovation and earthquake-proofing grants,
妊娠届 and birth gifts, 児童手当 accounts, 仮ナンバー, public cemeteries, hearing-aid grants,
convenience-store certificates, disaster mail, online consultations booked by mail;
no_personal_holdout_twentythird.yaml, 50), written the same way before the next session's rules without
reading the masker's code, never studied, with personal_studied_twentythird.yaml (48, 62;
no_personal_studied_twentythird.yaml, 32), in other situations (住居確保給付金, guardianship petitions,
自立支援医療, 特定健診 vouchers, マル子 and マル親 certificates, 出産育児一時金, emergency call systems,
school transfers, allotments, employers' special collection, questions to the bot about one's own records,
passports' and residence cards' letters read aloud), whose misses that session's rules were written from;
and personal_holdout_twentyfourth.yaml (88, 125: staff's own year-end adjustment and dependants'
declarations, fixed-term staff's onboarding sheets, commuting allowances, job applicants' forms, the
coming-of-age ceremony's sign-ups, longevity gifts, disaster-damage certificates, welfare fund loans, family
support members, postnatal care, consumer advice on scam messages, certificates requested from abroad, sole
proprietors registering for tenders, food business licences, sports facility accounts, bicycle parking season
tickets; no_personal_holdout_twentyfourth.yaml, 50), written the same way before the next session's rules
without reading the masker's code, never studied, with personal_studied_twentyfourth.yaml (48, 65;
no_personal_studied_twentyfourth.yaml, 32), in other situations (nursing-care cost limits, child support
guarantees, holiday clinics, house numbering, bath passes, neighbourhood associations, welfare commissioners'
visits, school lunch fees, foster parents, outdoor advertising, smoking fines, private lodging, abandoned
bicycles and parcels, plates without a label), whose misses that session's rules were written from.
An item counts as caught when neither its text, nor its ``core`` (an address's block and room), nor any
run of five digits or more of it is left in the masked message.

Worst case: the time to mask long inputs built to make regular expressions
backtrack (runs of 区, digit groups, local parts without an @ after them).
"""

from __future__ import annotations

import argparse
import random
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import yaml

from bot.evaluation import load_queries
from bot.privacy import ADDRESS, BIRTH_DATE, EMAIL, ID_NUMBER, MY_NUMBER, PHONE, POSTAL, mask
from tests.auxil.personal import WRITERS, identifier_sentence, leaked

ROOT = Path(__file__).resolve().parent.parent
WRITTEN = ROOT / "tests" / "data" / "privacy"


def recall(samples: int, seed: int) -> None:
    print(f"## Recall on generated writings ({samples} per kind, seed {seed})\n")
    print("| kind | caught (nothing left) | named right | µs per text |")
    print("| --- | ---: | ---: | ---: |")
    for kind, writer in WRITERS.items():
        rng = random.Random(seed)
        caught = named = 0
        misses: list[tuple[str, str]] = []
        elapsed = 0.0
        for _ in range(samples):
            written = writer(rng)
            start = time.perf_counter()
            result = mask(written.text)
            elapsed += time.perf_counter() - start
            if leaked(written.secrets, result.text):
                misses.append((written.text, result.text))
                continue
            caught += 1
            named += kind in result.kinds
        print(f"| {kind} | {caught / samples:.4f} | {named / samples:.4f} | {elapsed / samples * 1e6:.0f} |")
        for text, masked in misses[:5]:
            print(f"|   missed: {text!r} → {masked!r} | | | |")
    print()


def written_names() -> None:
    """The hand-written sets: the forty-two whose misses were studied, and the held-out ones, counted."""
    _written_names("names.yaml", "no_names.yaml")
    _written_names("names_second.yaml", "no_names_second.yaml")
    _written_names("names_third.yaml", "no_names_third.yaml")
    _written_names("names_fourth.yaml", "no_names_fourth.yaml")
    _written_names("names_fifth.yaml", "no_names_fifth.yaml")
    _written_names("names_sixth.yaml", "no_names_sixth.yaml")
    _written_names("names_seventh.yaml", "no_names_seventh.yaml")
    _written_names("names_eighth.yaml", "no_names_eighth.yaml")
    _written_names("names_ninth.yaml", "no_names_ninth.yaml")
    _written_names("names_tenth.yaml", "no_names_tenth.yaml")
    _written_names("names_eleventh.yaml", "no_names_eleventh.yaml")
    _written_names("names_twelfth.yaml", "no_names_twelfth.yaml")
    _written_names("names_thirteenth.yaml", "no_names_thirteenth.yaml")
    _written_names("names_fourteenth.yaml", "no_names_fourteenth.yaml")
    _written_names("names_fifteenth.yaml", "no_names_fifteenth.yaml")
    _written_names("names_sixteenth.yaml", "no_names_sixteenth.yaml")
    _written_names("names_seventeenth.yaml", "no_names_seventeenth.yaml")
    _written_names("names_eighteenth.yaml", "no_names_eighteenth.yaml")
    _written_names("names_nineteenth.yaml", "no_names_nineteenth.yaml")
    _written_names("names_twentieth.yaml", "no_names_twentieth.yaml")
    _written_names("names_twentyfirst.yaml", "no_names_twentyfirst.yaml")
    _written_names("names_twentysecond.yaml", "no_names_twentysecond.yaml")
    _written_names("names_twentythird.yaml", "no_names_twentythird.yaml")
    _written_names("names_twentyfourth.yaml", "no_names_twentyfourth.yaml")
    _written_names("names_twentyfifth.yaml", "no_names_twentyfifth.yaml")
    _written_names("names_twentysixth.yaml", "no_names_twentysixth.yaml")
    _written_names("names_twentyseventh.yaml", "no_names_twentyseventh.yaml")
    _written_names("names_twentyeighth.yaml", "no_names_twentyeighth.yaml")
    _written_names("names_twentyninth.yaml", "no_names_twentyninth.yaml")
    _written_names("names_thirtieth.yaml", "no_names_thirtieth.yaml")
    _written_names("names_thirtyfirst.yaml", "no_names_thirtyfirst.yaml")
    _written_names("names_thirtysecond.yaml", "no_names_thirtysecond.yaml")
    _written_names("names_thirtythird.yaml", "no_names_thirtythird.yaml")
    _written_names("names_thirtyfourth.yaml", "no_names_thirtyfourth.yaml")
    _written_names("names_thirtyfifth.yaml", "no_names_thirtyfifth.yaml")
    _written_names("names_thirtysixth.yaml", "no_names_thirtysixth.yaml")
    _written_names("names_thirtyseventh.yaml", "no_names_thirtyseventh.yaml")
    _written_names("names_thirtyeighth.yaml", "no_names_thirtyeighth.yaml")
    _written_names("names_thirtyninth.yaml", "no_names_thirtyninth.yaml")
    _written_names("names_fortieth.yaml", "no_names_fortieth.yaml")
    _written_names("names_fortyfirst.yaml", "no_names_fortyfirst.yaml")
    _written_names("names_fortysecond.yaml", "no_names_fortysecond.yaml")
    _written_names("names_holdout.yaml", "no_names_holdout.yaml", show=False)
    _written_names("names_holdout_second.yaml", "no_names_holdout_second.yaml", show=False)
    _written_names("names_holdout_third.yaml", "no_names_holdout_third.yaml", show=False)
    _written_names("names_holdout_fourth.yaml", "no_names_holdout_fourth.yaml", show=False)
    _written_names("names_holdout_fifth.yaml", "no_names_holdout_fifth.yaml", show=False)
    _written_names("names_holdout_sixth.yaml", "no_names_holdout_sixth.yaml", show=False)
    _written_names("names_holdout_seventh.yaml", "no_names_holdout_seventh.yaml", show=False)
    _written_names("names_holdout_eighth.yaml", "no_names_holdout_eighth.yaml", show=False)
    _written_names("names_holdout_ninth.yaml", "no_names_holdout_ninth.yaml", show=False)
    _written_names("names_holdout_tenth.yaml", "no_names_holdout_tenth.yaml", show=False)
    _written_names("names_holdout_eleventh.yaml", "no_names_holdout_eleventh.yaml", show=False)
    _written_names("names_holdout_twelfth.yaml", "no_names_holdout_twelfth.yaml", show=False)
    _written_names("names_holdout_thirteenth.yaml", "no_names_holdout_thirteenth.yaml", show=False)
    _written_names("names_holdout_fourteenth.yaml", "no_names_holdout_fourteenth.yaml", show=False)
    _written_names("names_holdout_fifteenth.yaml", "no_names_holdout_fifteenth.yaml", show=False)
    _written_names("names_holdout_sixteenth.yaml", "no_names_holdout_sixteenth.yaml", show=False)
    _written_names("names_holdout_seventeenth.yaml", "no_names_holdout_seventeenth.yaml", show=False)
    _written_names("names_holdout_eighteenth.yaml", "no_names_holdout_eighteenth.yaml", show=False)
    _written_names("names_holdout_nineteenth.yaml", "no_names_holdout_nineteenth.yaml", show=False)
    _written_names("names_holdout_twentieth.yaml", "no_names_holdout_twentieth.yaml", show=False)
    _written_names("names_holdout_twentyfirst.yaml", "no_names_holdout_twentyfirst.yaml", show=False)
    _written_names("names_holdout_twentysecond.yaml", "no_names_holdout_twentysecond.yaml", show=False)
    _written_names("names_holdout_twentythird.yaml", "no_names_holdout_twentythird.yaml", show=False)
    _written_names("names_holdout_twentyfourth.yaml", "no_names_holdout_twentyfourth.yaml", show=False)
    _written_names("names_holdout_twentyfifth.yaml", "no_names_holdout_twentyfifth.yaml", show=False)
    _written_names("names_holdout_twentysixth.yaml", "no_names_holdout_twentysixth.yaml", show=False)
    _written_names("names_holdout_twentyseventh.yaml", "no_names_holdout_twentyseventh.yaml", show=False)
    _written_names("names_holdout_twentyeighth.yaml", "no_names_holdout_twentyeighth.yaml", show=False)
    _written_names("names_holdout_twentyninth.yaml", "no_names_holdout_twentyninth.yaml", show=False)
    _written_names("names_holdout_thirtieth.yaml", "no_names_holdout_thirtieth.yaml", show=False)
    _written_names("names_holdout_thirtyfirst.yaml", "no_names_holdout_thirtyfirst.yaml", show=False)
    _written_names("names_holdout_thirtysecond.yaml", "no_names_holdout_thirtysecond.yaml", show=False)
    _written_names("names_holdout_thirtythird.yaml", "no_names_holdout_thirtythird.yaml", show=False)
    _written_names("names_holdout_thirtyfourth.yaml", "no_names_holdout_thirtyfourth.yaml", show=False)


def _written_names(names_file: str, without_file: str, *, show: bool = True) -> None:
    """Recall on the names in hand-written messages, and what changes in those without names."""
    written = yaml.safe_load((WRITTEN / names_file).read_text(encoding="utf-8"))
    without = yaml.safe_load((WRITTEN / without_file).read_text(encoding="utf-8"))
    names = caught = whole = 0
    misses: list[tuple[str, str, str]] = []
    for message in written:
        masked = mask(message["text"]).text
        rest = _without_words(masked, message.get("words", ()))
        left = [n for n in message["names"] if any(word in rest for word in n.replace(",", " ").split())]
        names += len(message["names"])
        caught += len(message["names"]) - len(left)
        whole += not left
        misses += [(name, message["text"], masked) for name in left]
    masked_without = [(text, mask(text).text) for text in without]
    changed = [(text, masked) for text, masked in masked_without if masked != text]
    print(f"## Names in hand-written messages (tests/data/privacy/{names_file}, {without_file})\n")
    print(
        f"names caught: {caught} of {names} ({caught / names:.3f}); messages with every name masked: "
        f"{whole} of {len(written)}; messages without names changed: {len(changed)} of {len(without)}\n"
    )
    if show:
        for name, text, masked in misses:
            print(f"- missed {name}: {text[:60]!r} → {masked[:60]!r}")
        for text, masked in changed:
            print(f"- changed: {_excerpt(text, masked)}")
        print()


PERSONAL_KINDS = {
    "my_number": MY_NUMBER,
    "phone": PHONE,
    "email": EMAIL,
    "postal": POSTAL,
    "address": ADDRESS,
    "birth_date": BIRTH_DATE,
    "id_number": ID_NUMBER,
}
"""The hand-written sets' kinds, as `bot.privacy` names them."""


def written_personal() -> None:
    """The hand-written sets of other personal data: the studied one with its misses, the held-out counted."""
    _written_personal("personal_studied.yaml", "no_personal_studied.yaml", show=True)
    _written_personal("personal_studied_second.yaml", "no_personal_studied_second.yaml", show=True)
    _written_personal("personal_studied_third.yaml", "no_personal_studied_third.yaml", show=True)
    _written_personal("personal_studied_fourth.yaml", "no_personal_studied_fourth.yaml", show=True)
    _written_personal("personal_studied_fifth.yaml", "no_personal_studied_fifth.yaml", show=True)
    _written_personal("personal_studied_sixth.yaml", "no_personal_studied_sixth.yaml", show=True)
    _written_personal("personal_studied_seventh.yaml", "no_personal_studied_seventh.yaml", show=True)
    _written_personal("personal_studied_eighth.yaml", "no_personal_studied_eighth.yaml", show=True)
    _written_personal("personal_studied_ninth.yaml", "no_personal_studied_ninth.yaml", show=True)
    _written_personal("personal_studied_tenth.yaml", "no_personal_studied_tenth.yaml", show=True)
    _written_personal("personal_studied_eleventh.yaml", "no_personal_studied_eleventh.yaml", show=True)
    _written_personal("personal_studied_twelfth.yaml", "no_personal_studied_twelfth.yaml", show=True)
    _written_personal("personal_studied_thirteenth.yaml", "no_personal_studied_thirteenth.yaml", show=True)
    _written_personal("personal_studied_fourteenth.yaml", "no_personal_studied_fourteenth.yaml", show=True)
    _written_personal("personal_studied_fifteenth.yaml", "no_personal_studied_fifteenth.yaml", show=True)
    _written_personal("personal_studied_sixteenth.yaml", "no_personal_studied_sixteenth.yaml", show=True)
    _written_personal("personal_studied_seventeenth.yaml", "no_personal_studied_seventeenth.yaml", show=True)
    _written_personal("personal_studied_eighteenth.yaml", "no_personal_studied_eighteenth.yaml", show=True)
    _written_personal("personal_studied_nineteenth.yaml", "no_personal_studied_nineteenth.yaml", show=True)
    _written_personal("personal_studied_twentieth.yaml", "no_personal_studied_twentieth.yaml", show=True)
    _written_personal("personal_studied_twentyfirst.yaml", "no_personal_studied_twentyfirst.yaml", show=True)
    _written_personal(
        "personal_studied_twentysecond.yaml", "no_personal_studied_twentysecond.yaml", show=True
    )
    _written_personal("personal_studied_twentythird.yaml", "no_personal_studied_twentythird.yaml", show=True)
    _written_personal(
        "personal_studied_twentyfourth.yaml", "no_personal_studied_twentyfourth.yaml", show=True
    )
    _written_personal("personal_studied_twentyfifth.yaml", "no_personal_studied_twentyfifth.yaml", show=True)
    _written_personal("personal_studied_twentysixth.yaml", "no_personal_studied_twentysixth.yaml", show=True)
    _written_personal(
        "personal_studied_twentyseventh.yaml", "no_personal_studied_twentyseventh.yaml", show=True
    )
    _written_personal(
        "personal_studied_twentyeighth.yaml", "no_personal_studied_twentyeighth.yaml", show=True
    )
    _written_personal("personal_studied_twentyninth.yaml", "no_personal_studied_twentyninth.yaml", show=True)
    _written_personal("personal_studied_thirtieth.yaml", "no_personal_studied_thirtieth.yaml", show=True)
    _written_personal("personal_studied_thirtyfirst.yaml", "no_personal_studied_thirtyfirst.yaml", show=True)
    _written_personal("personal_holdout.yaml", "no_personal_holdout.yaml", show=False)
    _written_personal("personal_holdout_second.yaml", "no_personal_holdout_second.yaml", show=False)
    _written_personal("personal_holdout_third.yaml", "no_personal_holdout_third.yaml", show=False)
    _written_personal("personal_holdout_fourth.yaml", "no_personal_holdout_fourth.yaml", show=False)
    _written_personal("personal_holdout_fifth.yaml", "no_personal_holdout_fifth.yaml", show=False)
    _written_personal("personal_holdout_sixth.yaml", "no_personal_holdout_sixth.yaml", show=False)
    _written_personal("personal_holdout_seventh.yaml", "no_personal_holdout_seventh.yaml", show=False)
    _written_personal("personal_holdout_eighth.yaml", "no_personal_holdout_eighth.yaml", show=False)
    _written_personal("personal_holdout_ninth.yaml", "no_personal_holdout_ninth.yaml", show=False)
    _written_personal("personal_holdout_tenth.yaml", "no_personal_holdout_tenth.yaml", show=False)
    _written_personal("personal_holdout_eleventh.yaml", "no_personal_holdout_eleventh.yaml", show=False)
    _written_personal("personal_holdout_twelfth.yaml", "no_personal_holdout_twelfth.yaml", show=False)
    _written_personal("personal_holdout_thirteenth.yaml", "no_personal_holdout_thirteenth.yaml", show=False)
    _written_personal("personal_holdout_fourteenth.yaml", "no_personal_holdout_fourteenth.yaml", show=False)
    _written_personal("personal_holdout_fifteenth.yaml", "no_personal_holdout_fifteenth.yaml", show=False)
    _written_personal("personal_holdout_sixteenth.yaml", "no_personal_holdout_sixteenth.yaml", show=False)
    _written_personal("personal_holdout_seventeenth.yaml", "no_personal_holdout_seventeenth.yaml", show=False)
    _written_personal("personal_holdout_eighteenth.yaml", "no_personal_holdout_eighteenth.yaml", show=False)
    _written_personal("personal_holdout_nineteenth.yaml", "no_personal_holdout_nineteenth.yaml", show=False)
    _written_personal("personal_holdout_twentieth.yaml", "no_personal_holdout_twentieth.yaml", show=False)
    _written_personal("personal_holdout_twentyfirst.yaml", "no_personal_holdout_twentyfirst.yaml", show=False)
    _written_personal(
        "personal_holdout_twentysecond.yaml", "no_personal_holdout_twentysecond.yaml", show=False
    )
    _written_personal("personal_holdout_twentythird.yaml", "no_personal_holdout_twentythird.yaml", show=False)
    _written_personal(
        "personal_holdout_twentyfourth.yaml", "no_personal_holdout_twentyfourth.yaml", show=False
    )
    _written_personal("personal_holdout_twentyfifth.yaml", "no_personal_holdout_twentyfifth.yaml", show=False)
    _written_personal("personal_holdout_twentysixth.yaml", "no_personal_holdout_twentysixth.yaml", show=False)
    _written_personal(
        "personal_holdout_twentyseventh.yaml", "no_personal_holdout_twentyseventh.yaml", show=False
    )
    _written_personal(
        "personal_holdout_twentyeighth.yaml", "no_personal_holdout_twentyeighth.yaml", show=False
    )
    _written_personal("personal_holdout_twentyninth.yaml", "no_personal_holdout_twentyninth.yaml", show=False)
    _written_personal("personal_holdout_thirtieth.yaml", "no_personal_holdout_thirtieth.yaml", show=False)
    _written_personal("personal_holdout_thirtyfirst.yaml", "no_personal_holdout_thirtyfirst.yaml", show=False)


def _written_personal(items_file: str, without_file: str, *, show: bool) -> None:
    """Recall per kind on hand-written messages, and what changes in those without personal data."""
    written = yaml.safe_load((WRITTEN / items_file).read_text(encoding="utf-8"))
    without = yaml.safe_load((WRITTEN / without_file).read_text(encoding="utf-8"))
    total: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    named: Counter[str] = Counter()
    misses: list[tuple[str, str, str]] = []
    for message in written:
        result = mask(message["text"])
        for item in message["items"]:
            kind = item["kind"]
            total[kind] += 1
            if _item_left(item, result.text):
                misses.append((kind, item["text"], result.text))
                continue
            caught[kind] += 1
            named[kind] += PERSONAL_KINDS[kind] in result.kinds
    changed = [(text, masked) for text in without if (masked := mask(text).text) != text]
    print(
        f"## Other personal data in hand-written messages (tests/data/privacy/{items_file}, {without_file})\n"
    )
    print("| kind | caught (nothing left) | named right |")
    print("| --- | ---: | ---: |")
    for kind in PERSONAL_KINDS:
        if total[kind]:
            print(f"| {PERSONAL_KINDS[kind]} | {caught[kind]} of {total[kind]} | {named[kind]} |")
    everything = sum(total.values())
    print(f"| all | {sum(caught.values())} of {everything} ({sum(caught.values()) / everything:.3f}) | |\n")
    print(f"messages without personal data changed: {len(changed)} of {len(without)}\n")
    if show:
        for kind, text, masked in misses:
            print(f"- missed {kind} {text!r}: {masked[:80]!r}")
        for text, masked in changed:
            print(f"- changed: {_excerpt(text, masked)}")
        print()


def _item_left(item: dict[str, str], masked: str) -> bool:
    """Whether any of the item is left: its text, its ``core``, or a run of five digits or more of it."""
    left = unicodedata.normalize("NFKC", masked)
    secrets = [
        item["text"],
        item.get("core", ""),
        *re.findall(r"[0-9]{5,}", unicodedata.normalize("NFKC", item["text"])),
    ]
    return any(secret and unicodedata.normalize("NFKC", secret) in left for secret in secrets)


def _without_words(masked: str, words: Iterable[str]) -> str:
    """``masked`` without the message's words that hold a name's characters but are no name (松本市, 林業).

    A name is caught when none of its words is left; 「松本さん松本市出身」 masked as
    「［氏名］さん松本市出身」 has caught it.
    """
    for word in words:
        masked = masked.replace(word, "")
    return masked


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def knowledge_texts() -> Iterator[tuple[str, str]]:
    """(where, text) for every text of the knowledge."""
    for path in [ROOT / "faq.yaml", *sorted((ROOT / "knowledge").rglob("*.yaml"))]:
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield str(path.relative_to(ROOT)), text
    for path in sorted((ROOT / "knowledge").rglob("*.md")):
        for paragraph in path.read_text(encoding="utf-8").split("\n\n"):
            if paragraph.strip():
                yield str(path.relative_to(ROOT)), paragraph


GENERALISATION_SETS = ("ward", "staff", "city", "helpdesk", "kokuho", "kosodate", "zeimu")


def generalisation_texts() -> Iterator[tuple[str, str]]:
    """Every text of the generalisation sets' FAQs (a ward's public numbers and places, its offices)."""
    for name in GENERALISATION_SETS:
        path = ROOT / "tests" / "data" / name / "faq.yaml"
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            yield str(path.relative_to(ROOT)), text


def query_texts() -> Iterator[tuple[str, str]]:
    data = ROOT / "tests" / "data"
    for path in [
        *sorted(data.glob("queries_*.yaml")),
        *(data / n / "queries.yaml" for n in GENERALISATION_SETS),
    ]:
        for query in load_queries(path):
            yield str(path.relative_to(ROOT)), query.q


def false_positives(title: str, texts: list[tuple[str, str]]) -> None:
    changed = [(where, text, mask(text)) for where, text in texts]
    changed = [(where, text, result) for where, text, result in changed if result.text != text]
    print(f"## {title}: {len(changed)} of {len(texts)} texts changed ({len(changed) / len(texts):.2%})\n")
    for where, text, result in changed:
        print(f"- {where}: {', '.join(result.kinds)}: {_excerpt(text, result.text)}")
    print()


def _excerpt(text: str, masked: str) -> str:
    start = next(i for i, (a, b) in enumerate(zip(text, masked, strict=False)) if a != b)
    return f"…{text[max(0, start - 15) : start + 30]!r} → …{masked[max(0, start - 15) : start + 20]!r}"


ADVERSARIAL = {
    "区 × 4000": "区" * 4000,
    "市区町村 × 1000": "市区町村" * 1000,
    "サンプル区 + 1- × 20, × 100": ("サンプル区" + "1-" * 20) * 100,
    "1- × 2000": "1-" * 2000,
    "12 × 1300 (spaced)": "12 " * 1300,
    "一二三四 × 1000": "一二三四" * 1000,
    "taro.yamada × 50 + @, × 10": ("taro.yamada" * 50 + "@") * 10,
    "1丁目 × 1300": "1丁目" * 1300,
    "a real message × 80": "東京都サンプル区中央1-2-3 090-1234-5678 taro@example.jp " * 80,
    "山田 × 2000 (one line)": "山田" * 2000,
    "氏名：山田太郎さん × 400": "氏名：山田太郎さん" * 400,
    "の前田花子さん × 500": "の前田花子さん" * 500,
    "係の山田に聞いた × 500": "係の山田に聞いた" * 500,
    "田中の件、 × 1000": "田中の件、" * 1000,
    "やまもとさん × 700": "やまもとさん" * 700,
    "やまもとにきいた × 500": "やまもとにきいた" * 500,
    "ああああああさん × 500": "ああああああさん" * 500,
    "たろうさん × 800": "たろうさん" * 800,
    "口座番号 + 1- × 2000": "口座番号" + "1-" * 2000,
    "昭和1年1月 × 600": "昭和1年1月" * 600,
    "田中・ × 1300 + 田中さん": "田中・" * 1300 + "田中さん",
    "森から電話、 × 700": "森から電話、" * 700,
    "佐藤保健師 × 800": "佐藤保健師" * 800,
    "山 × 4000 + 課長": "山" * 4000 + "課長",
    "伊藤が × 1300": "伊藤が" * 1300,
    "ゆうとくん × 700": "ゆうとくん" * 700,
    "ア + space × 2000": "ア " * 2000,
    "結衣（長女・ × 600": "結衣（長女・" * 600,
    "グエン・ヴァン・ナムさん・ × 600": "グエン・ヴァン・ナムさん・" * 600,
    "星と泉が + newline × 800": "星と泉が\n" * 800,
    "t.yamada, × 400": "t.yamada, " * 400,
    "お疲れ様です、林 × 500": "お疲れ様です、林" * 500,
    "名前が「山田」 × 500": "名前が「山田」" * 500,
    "a table of 800 rows under 氏名": "氏名\t所属\n" + "山田\t総務\n" * 800,
    "田中さん、読み方が「たなか」 × 200": "田中さん、読み方が「たなか」" * 200,
    "保険証、記号 × 700": "保険証、記号" * 700,
    "生年月日 + 1 年 2 月 × 500": "生年月日" + "1 年 2 月 " * 500,
    "a table of 600 rows under 住所": "受付\t住所\n" + "1\t中央1-2\n" * 600,
    "免許 + 1 and a space × 2000": "免許" + "1 " * 2000,
    "のぐちゃん、 × 700": "のぐちゃん、" * 700,
    "祖父 茂、 × 700": "祖父 茂、" * 700,
    "樹（いつき）くん × 500": "樹（いつき）くん" * 500,
    "、森本： × 1000": "、森本：" * 1000,
    "村上いた × 1000": "村上いた" * 1000,
    "月 岸 and a space × 1000 (one line)": "月 岸　" * 1000,
    "ながいさん、 × 700": "ながいさん、" * 700,
    "、ひらいが言って × 500": "、ひらいが言って" * 500,
    "中央、北浜、 × 700": "中央、北浜、" * 700,
    "しゅうがくつうち × 500": "しゅうがくつうち" * 500,
    "記録_山田_ × 500 + .pdf": "記録_山田_" * 500 + ".pdf",
    "いちに and a space × 1300 (digits read aloud)": "いちに " * 1300,
    "長崎1- × 1000": "長崎1-" * 1000,
    "にちょうめ じゅうごの × 300": "にちょうめ じゅうごの" * 300,
    "a table of 300 rows under 個人番号": "番号|個人番号\n" + "1|1234 5678 9012\n" * 300,
    "受給者番号 + 1 and a space × 2000": "受給者番号 " + "1 " * 2000,
    "1998年生まれで、 × 400": "1998年生まれで、" * 400,
    "1の × 2000": "1の" * 2000,
    "ハヤシさん、ソノダさん、 × 300": "ハヤシさん、ソノダさん、" * 300,
    "5日 古田 + newline × 700": "5日 古田\n" * 700,
    "すずき はなこ + space × 500": "すずき はなこ " * 500,
    "申請者：グエン・ × 500": "申請者：グエン・" * 500,
    "月 岸／金 × 800": "月 岸／金 " * 800,
    "記録：やまだ、 × 500": "記録：やまだ、" * 500,
    "。 newline 三好、 × 800": "。\n三好、" * 800,
    "新谷 13:00 and a space × 600": "新谷 13:00 " * 600,
    "岡がもう戻った、 × 600": "岡がもう戻った、" * 600,
    "?Thanks,  × 500": "?Thanks, " * 500,
    "（審査）高松 × 800": "（審査）高松" * 800,
    "フリガナ　ア and a space × 600": "フリガナ　ア " * 600,
    "息子さんの陽斗くん × 500": "息子さんの陽斗くん" * 500,
    "園長、瀬戸です × 600": "園長、瀬戸です" * 600,
    "11:30-12:30 沼田／ × 400": "11:30-12:30 沼田／" * 400 + "田辺さん",
    "Tanaka Yui and a space × 500": "Tanaka Yui " * 500,
    "Ka Ka and a space × 1000": "Ka Ka " * 1000,
    "岸から堀へ × 800": "岸から堀へ" * 800,
    "菅原琥珀（すがわら こはく）さん × 300": "菅原琥珀（すがわら こはく）さん" * 300,
    "Ab Cd / 王 小明 /  × 400": "Ab Cd / 王 小明 / " * 400,
    "a list of 500 numbered people": "参加者\n" + "1. 大野 翔太\n" * 500,
    "参加者, a numbered line of 4000 spaces": "参加者\n1. a" + " " * 4000 + "b",
    "おがわかかりちょう × 500": "おがわかかりちょう" * 500,
    "いち の  × 1500 (digits read aloud, joined by の)": "いち の " * 1500,
    "イチニ and a space × 1300 (digits read aloud in katakana)": "イチニ " * 1300,
    "taro■example. × 500 + ■を@に": "taro■example." * 500 + "■を@に",
    "住所 谷が谷1-2- × 800": "住所 谷が谷1-2-" * 800,
    "1-2 Ab- × 1200 (an address in Latin letters)": "1-2 Ab-" * 1200,
    "生年月日 + S 1 . 2 . × 1000": "生年月日 " + "S 1 . 2 . " * 1000,
    "生年月日 + 昭和1年、2月、 × 1000": "生年月日 " + "昭和1年、2月、" * 1000,
    "生まれは1990年の1月、日にちは × 500": "生まれは1990年の1月、日にちは" * 500,
    "Passport No.  × 800": "Passport No. " * 800,
    "口座 + a space × 5000 + x": "口座 " + " " * 5000 + "x",
    "ナンバー + 品川 300 さ  × 800 (plates)": "ナンバー" + "品川 300 さ " * 800,
    "口座番号 1234567 + → 1234567 × 800 (corrections)": "口座番号 1234567" + " → 1234567" * 800,
    "口座番号の下4桁は 1234、 × 500": "口座番号の下4桁は 1234、" * 500,
    "1〜2〜 × 2000 (wave dashes)": "1〜2〜" * 2000,
    "|1 × 3000 (a form's boxes)": "|1" * 3000,
    "[1] × 3000 + [": "[1]" * 3000 + "[",
    "a%40 × 2000 (a URL's escapes)": "a%40" * 2000,
    "References: + <a.b@c.jp> × 500 (one line)": "References: " + "<a.b@c.jp> " * 500,
    "壱参 × 2000 (legal numerals)": "壱参" * 2000,
    "生年月日 + a space × 5000 + x": "生年月日" + " " * 5000 + "x",
    "受給者番号 + 1 -  × 2000": "受給者番号 " + "1 - " * 2000,
    "口座番号をきいた： × 800": "口座番号をきいた：" * 800,
    "ゆーき、あっと、 × 500 (an e-mail read out)": "ゆーき、あっと、" * 500,
    "ぜろいち、 × 1500 (digits read aloud from zero)": "ぜろいち、" * 1500,
    "三条上ル恵比須 × 500": "三条上ル恵比須" * 500,
    "市町 × 2000 + 1": "市町" * 2000 + "1",
    "大字茶 × 1000": "大字茶" * 1000,
    "豊島区 newline 池袋 newline × 600": "豊島区\n池袋\n" * 600,
    "生年月日 平成 newline × 800": "生年月日 平成\n" * 800,
    "保険証 番号 1 newline × 1000": "保険証 番号 1\n" * 1000,
    "a ・ × 2000 + @": "a ・ " * 2000 + "@",
    "[10:02] 1 newline × 1500": "[10:02] 1\n" * 1500,
    "> 田村: 1 2 newline × 1000": "> 田村: 1 2\n" * 1000,
    "被保険者番号 + … × 3000 + 1": "被保険者番号 " + "…" * 3000 + "1",
    "l9B4. × 1500": "l9B4." * 1500,
    "口座番号、 × 2000 + 1": "口座番号、" * 2000 + "1",
    "口座番号は？ newline × 1000": "口座番号は？\n" * 1000,
    "口座番号 A1  × 1000": "口座番号 A1 " * 1000,
    "1ねん × 3000": "1ねん" * 3000,
    "ゼロ・ × 2000": "ゼロ・" * 2000,
    "住所 1 丁目、 × 1000": "住所 1 丁目、" * 1000,
    "1ハイフン × 2000 (a dash said aloud)": "1ハイフン" * 2000,
    "1-\\ newline （続き） × 1000": "1-\\\n（続き）" * 1000,
    "ﾃﾞﾝﾜﾊﾞﾝｺﾞｳ × 1000 (a katakana label)": "ﾃﾞﾝﾜﾊﾞﾝｺﾞｳ" * 1000,
    "denwa bangou  × 1000 (a romaji label)": "denwa bangou " * 1000,
    "=DATE(1990,1, × 1000": "=DATE(1990,1," * 1000,
    "市外局番03、局番 × 800": "市外局番03、局番" * 800,
    "「1」 × 3000 (a form's fields)": "「1」" * 3000,
    "1 ,  × 2000 (OCR's commas)": "1 , " * 2000,
    "北海道美幌町丙 × 600": "北海道美幌町丙" * 600,
    "1号棟  × 1500": "1号棟 " * 1500,
    "氏名： + a tab × 5000 + x": "氏名：" + "\t" * 5000 + "x",
    "電話 + an ideographic space × 5000 + x": "電話" + "\u3000" * 5000 + "x",
    "氏名： + 1 × 5000 (one long number)": "氏名：" + "1" * 5000,
}
"""Long inputs built to make a backtracking regex explode (the earlier masker took minutes on 40 区)."""


def worst_case() -> None:
    print("## Worst-case inputs (a regex that backtracks exponentially would not finish)\n")
    print("| input | chars | ms |")
    print("| --- | ---: | ---: |")
    for name, text in ADVERSARIAL.items():
        start = time.perf_counter()
        mask(text)
        print(f"| {name} | {len(text)} | {(time.perf_counter() - start) * 1000:.0f} |")
    print()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=20261202)
    args = parser.parse_args()
    recall(args.samples, args.seed)
    written_names()
    written_personal()
    worst_case()
    false_positives("Knowledge (faq.yaml, knowledge/)", list(knowledge_texts()))
    false_positives(
        "FAQs of the generalisation sets (tests/data/ward/, staff/, city/, helpdesk/, kokuho/, kosodate/,"
        " zeimu/)",
        list(generalisation_texts()),
    )
    false_positives("Query sets (tests/data/)", list(query_texts()))
    identifiers(args.samples, args.seed)


def identifiers(samples: int, seed: int) -> None:
    """How many generated machine identifiers (LINE/Slack ids, UUIDs, hashes) lose a character."""
    rng = random.Random(seed)
    texts = [identifier_sentence(rng) for _ in range(samples)]
    changed = [(text, mask(text).text) for text, value in texts if value not in mask(text).text]
    print(f"## Identifiers ({samples} generated): {len(changed)} changed ({len(changed) / samples:.2%})\n")
    for text, masked in changed[:10]:
        print(f"- {text!r} → {masked!r}")
    print()


if __name__ == "__main__":
    main()
