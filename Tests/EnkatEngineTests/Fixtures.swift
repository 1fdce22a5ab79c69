import EnkatTestSupport

/// A questionnaire that exercises routing: a section condition, question conditions, a
/// multiple choice, a scale, a number with a check, an optional text, and missing codes.
let routingQuestionnaire = """
  {
    "formatVersion": 1, "id": "routing", "version": "1",
    "title": {"sv": "Routning", "en": "Routing"}, "languages": ["sv", "en"],
    "missingCodes": [
      {"kind": "dontKnow", "code": 98, "label": {"sv": "Vet ej", "en": "Don't know"}},
      {"kind": "refused", "code": 99, "label": {"sv": "Vill inte svara", "en": "Refused"}}],
    "allowMissing": ["dontKnow", "refused"],
    "sections": [
      {"id": "work", "title": {"sv": "Arbete", "en": "Work"}, "questions": [
        {"id": "intro", "type": "display", "text": {"sv": "Välkommen", "en": "Welcome"}},
        {"id": "area", "type": "singleChoice", "text": {"sv": "Område?", "en": "Area?"}, "allowMissing": ["refused"],
         "options": [{"code": 1, "label": {"sv": "Ekonomiskt bistånd", "en": "Economic assistance"}},
                     {"code": 2, "label": {"sv": "Barn och unga", "en": "Children"}},
                     {"code": 3, "label": {"sv": "Barnomsorg", "en": "Childcare"}}]},
        {"id": "sat", "type": "scale", "text": {"sv": "Nöjd?", "en": "Satisfied?"},
         "scale": {"min": 1, "max": 5, "minLabel": {"sv": "Missnöjd", "en": "Dissatisfied"}, "maxLabel": {"sv": "Nöjd", "en": "Satisfied"}}},
        {"id": "why", "type": "multipleChoice", "askIf": "sat <= 2", "maxSelected": 2, "text": {"sv": "Varför?", "en": "Why?"},
         "options": [{"code": 1, "label": {"sv": "Resurser", "en": "Resources"}}, {"code": 2, "label": {"sv": "Arbetsbelastning", "en": "Workload"}},
                     {"code": 3, "label": {"sv": "Lön", "en": "Pay"}}]}]},
      {"id": "auto", "title": {"sv": "Automatisering", "en": "Automation"}, "askIf": "area = 1", "questions": [
        {"id": "attitude", "type": "singleChoice", "text": {"sv": "Inställning?", "en": "Attitude?"},
         "options": [{"code": 1, "label": {"sv": "Positiv", "en": "Positive"}}, {"code": 2, "label": {"sv": "Negativ", "en": "Negative"}}]},
        {"id": "pros", "type": "multipleChoice", "text": {"sv": "Fördelar?", "en": "Advantages?"},
         "options": [{"code": 1, "label": {"sv": "Tid", "en": "Time"}}, {"code": 2, "label": {"sv": "Mindre administration", "en": "Less admin"}}]}]},
      {"id": "bg", "title": {"sv": "Bakgrund", "en": "Background"}, "questions": [
        {"id": "young", "type": "singleChoice", "text": {"sv": "Under 30?", "en": "Under 30?"},
         "options": [{"code": 1, "label": {"sv": "Ja", "en": "Yes"}}, {"code": 2, "label": {"sv": "Nej", "en": "No"}}]},
        {"id": "years", "type": "number", "range": {"min": 0, "max": 50}, "decimals": 1, "text": {"sv": "År?", "en": "Years?"},
         "checks": [{"rule": "not (young = 1 and years > 12)", "message": {"sv": "För många år för under 30.", "en": "Too many years for under 30."}},
                    {"rule": "years <= 40", "kind": "soft", "message": {"sv": "Ovanligt många år.", "en": "Unusually many years."}}]},
        {"id": "note", "type": "text", "required": false, "maxLength": 10, "allowMissing": [], "text": {"sv": "Övrigt?", "en": "Anything else?"}}]}
    ]
  }
  """
