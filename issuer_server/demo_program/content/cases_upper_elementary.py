"""Demo submissions from upper-elementary classrooms: grades 4, 5 and 6."""

from __future__ import annotations

from issuer_server.demo_program.ids import Q_CONTEXT, Q_NEXT, Q_OBJECTIVE, Q_REFLECTION
from issuer_server.demo_program.model import AnchorChart, StudentWork, TeacherCase, WorkSample, prose

GRADE4_FRACTIONS = TeacherCase(
    candidate_ref="T-4821",
    grade_subject="Grade 4 mathematics",
    clip="classroom_a",
    intended="earned",
    responses={
        Q_CONTEXT: prose("""
            I teach 27 fourth graders in a school where about 60% of students qualify for free lunch. Six
            students are English learners (two newcomers who use a bilingual glossary), and four have IEPs,
            two of them for math calculation. We were in week two of a fractions unit. Exit tickets from the
            previous lesson showed that many students still see a fraction as "two numbers" rather than one
            number with a place on the number line; when asked to place 3/4, about a third of the class put
            it at 3 or between 3 and 4. Students sit in pods of four, each has a whiteboard, and I use
            numbered sticks for cold calling with a "phone a friend" option so no one is stuck.
        """),
        Q_OBJECTIVE: prose("""
            Objective: I can place fractions on a number line from 0 to 1 and explain my placement by
            partitioning the interval into equal parts.

            Success criteria: partition 0-1 into the number of parts shown by the denominator; count the
            parts shown by the numerator; justify using the words "equal parts" and "distance from 0."

            Planned questions: 1. "Where does 1/2 go? Convince your partner." (warm-up, everyone should
            succeed) 2. "Place 3/4 on your whiteboard line." (the misconception question - I expected some
            students to place it near 3) 3. "Jordan put 2/3 closer to 1 than 3/4. Do you agree?" (comparing,
            requires reasoning about part size) 4. "What do you notice about where 4/4 goes?" (connects
            fractions to whole numbers)

            I planned to use whiteboards for 2 and 3 so I could see every answer, and numbered sticks to
            pick who explains.
        """),
        Q_REFLECTION: prose("""
            Question 2 showed me exactly what I suspected: at 2:30 in the video nine boards had 3/4 placed
            near the far right end or labelled "3." Rather than correcting each board, I drew a 0-to-1 line
            on chart paper and asked, "If I walk from 0 to 1 in four equal steps, how many steps to 3/4?"
            and had a student walk it on the floor tape (3:45). Then everyone redrew. Only two boards were
            still wrong, and I noted those students for the small group.

            Question 3 was harder than I expected. Many students agreed with Jordan because "3 is smaller
            than 4 so thirds are bigger," which is right about the parts but wrong about the conclusion. At
            6:20 I asked the pod that disagreed to explain, and a student said "2/3 is one third away from 1
            and 3/4 is one fourth away, and a fourth is smaller, so 3/4 is closer." I put that sentence on
            the anchor chart.

            The samples show the range. Student A partitions correctly and uses "distance from 1." Student B
            moved from placing 3/4 at 3 to a correct placement after the floor line. Student D still places
            fractions by the numerator only.
        """),
        Q_NEXT: prose("""
            My main change is to script the follow-up to the comparison question as well as the question
            itself: I was not ready for "right reasoning, wrong conclusion" and spent too long on it. For
            Student D and the two others who still place by numerator, I will start tomorrow with folding
            paper strips and matching them to a number line before they try unit fractions on an open line.
            I will reuse question 3 with new fractions as the exit ticket to check whether the "distance
            from 1" idea has spread beyond the students who said it.
        """),
    },
    work=StudentWork(
        task_title="Fractions on the number line (exit ticket)",
        questions=(
            "Place 3/4 on the number line from 0 to 1.",
            "Which is closer to 1, 2/3 or 3/4? Explain.",
            "Where does 4/4 go? Why?",
        ),
        selection_note=(
            "Three exit tickets showing secure, emerging and not-yet understanding. Annotations use the "
            "three success criteria: SC1 equal parts, SC2 counting parts, SC3 justification."
        ),
        samples=(
            WorkSample(
                "Student A",
                (
                    "four equal parts drawn, dot at the third mark",
                    "3/4, because 1/4 is a smaller gap than 1/3",
                    "at 1, four fourths is one whole",
                ),
                ("SC1-SC3 met.", "Uses distance from 1 - use as a model for the class."),
            ),
            WorkSample(
                "Student B",
                (
                    "first dot at 3, erased; second dot at 3/4 of the line",
                    "3/4 because it has more pieces",
                    "at the end",
                ),
                (
                    "Shifted after the floor line (SC1, SC2 now met).",
                    "SC3: reasoning by 'more pieces' - not yet about part size.",
                ),
            ),
            WorkSample(
                "Student D",
                ("three unequal parts, dot at the end", "2/3", "4"),
                ("Places by numerator; parts not equal.", "Small group: paper strips, then unit fractions."),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Where does 3/4 live?",
        lines=(
            "0 ----|----|----|---- 1",
            "4 equal parts, count 3",
            "closer to 1? look at the GAP",
            "3/4 is 1/4 away, 2/3 is 1/3 away",
        ),
        sticky_notes=("4/4 = 1!", "Is 3/4 near 3?"),
        ink=(0.1, 0.3, 0.6),
    ),
)

GRADE5_WATER_CYCLE = TeacherCase(
    candidate_ref="T-3589",
    grade_subject="Grade 5 science",
    clip="classroom_b",
    intended="borderline",
    responses={
        Q_CONTEXT: prose("""
            I teach grade 5 science to 22 students in a rural school; this class meets for 50 minutes four
            days a week. Three students are English learners at an intermediate level and two have IEPs with
            extended time and read-aloud accommodations. We were starting the water cycle unit. From last
            year's results and a quick pre-quiz I knew that many students think clouds are made of water
            vapour or "steam," and that evaporation only happens when water boils. I grouped students in
            pairs for think-pair-share because the quieter students in this class will talk to a partner but
            not to the whole room.
        """),
        Q_OBJECTIVE: prose("""
            Objective: Students can explain how water changes state during evaporation and condensation,
            using the jar-and-ice demonstration as evidence.

            Success criteria: describe what happens to water particles when water evaporates; explain where
            the droplets on the outside of a cold jar come from; use the words evaporation, condensation and
            water vapour correctly.

            Planned questions: "Where did the water in the puddle go?" (think-pair-share); "Where do the
            drops on the outside of the cold jar come from?" (this was my misconception question, because
            students often say the water leaked through the glass); "Is a cloud water vapour? Why or why
            not?"
        """),
        Q_REFLECTION: prose("""
            The think-pair-share at the start worked well; at 1:50 you can hear several pairs arguing about
            the puddle and most pairs shared an answer. The jar question surfaced the misconception I
            expected: at 5:10 three pairs said the water came through the glass. I asked "How could we test
            that?" and a student suggested coloured water, so I added food colouring to a second jar. When
            the droplets outside were clear, the class agreed the water came from the air. That was the
            strongest moment.

            I ran out of time for the cloud question, so I asked it on the exit ticket instead. The samples
            show that about half the class still wrote that clouds are water vapour, like Student 2. Student
            1 explained condensation well. I did not get a chance to follow up on the cloud idea in the
            lesson.
        """),
        Q_NEXT: prose("""
            I will open the next lesson with the cloud question and the coloured-jar result side by side,
            and ask pairs to decide whether a cloud is more like the air around the jar or like the droplets
            on it. I need to pace the lesson so the last planned question is not squeezed out, probably by
            shortening the puddle discussion.
        """),
    },
    work=StudentWork(
        task_title="Exit ticket: evaporation and condensation",
        questions=(
            "Where did the drops on the outside of the cold jar come from?",
            "Is a cloud water vapour?",
        ),
        selection_note=(
            "Two exit tickets; I chose one that met the criteria and one typical of the other half."
        ),
        samples=(
            WorkSample(
                "Student 1",
                (
                    "Water vapour in the air touched the cold jar and condensed into liquid drops.",
                    "No, a cloud is tiny drops of liquid water, vapour is invisible.",
                ),
                ("Uses condensation correctly.", "Distinguishes vapour from droplets - criterion 2 met."),
            ),
            WorkSample(
                "Student 2",
                ("From the air because it was cold.", "Yes, clouds are water vapour like steam."),
                ("Correct source, no mechanism.", "Holds the cloud misconception."),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Where did the water come from?",
        lines=(
            "Evaporation: liquid -> gas (water vapour)",
            "Condensation: gas -> liquid",
            "Coloured jar test: drops were CLEAR",
            "so they came from the AIR",
        ),
        sticky_notes=("through the glass?",),
        ink=(0.05, 0.45, 0.5),
        as_photo=True,
    ),
)

GRADE6_RIVERS = TeacherCase(
    candidate_ref="T-6038",
    grade_subject="Grade 6 social studies",
    clip="classroom_a",
    intended="not_yet",
    responses={
        Q_CONTEXT: prose("""
            I have 29 students in sixth grade social studies. It is a mixed-ability class with several
            English language learners and a few students with accommodations. We were in the middle of our
            unit on early river civilizations and had already studied Mesopotamia. This lesson was about
            ancient Egypt and the Nile. The students had read the textbook section for homework. I chose
            this lesson because it is one where I usually ask a lot of questions.
        """),
        Q_OBJECTIVE: prose("""
            SWBAT describe the importance of the Nile River to ancient Egypt. Students will be successful if
            they can answer questions about the Nile correctly. My questions were: What river did Egypt
            depend on? Which direction does the Nile flow? What happened every year when the Nile flooded?
            What crops did Egyptians grow? What is the silt? I used these questions to review the reading
            and check that students remembered the main facts before their quiz on Friday.
        """),
        Q_REFLECTION: prose("""
            My questions showed that most of the class had done the reading, because students answered
            almost every question correctly. In the video you can see hands going up quickly after each
            question and I called on students who had their hands raised. When a student said the Nile flows
            south I corrected him and explained that it flows north into the Mediterranean, which surprises
            a lot of students. The worksheet also showed that students knew the facts. I think my questions
            were effective for checking understanding.
        """),
        Q_NEXT: prose("""
            In the future I want to call on more students, maybe with name sticks, so that the same students
            do not answer every time. For students who did not do well on the worksheet I will give them the
            study guide to review before the quiz. I could also add a video about the Nile for students who
            need it.
        """),
    },
    work=StudentWork(
        task_title="The Nile River: review worksheet",
        questions=(
            "What river did Egypt depend on?",
            "What happened when the Nile flooded?",
            "Why was the Nile important?",
        ),
        selection_note="Worksheets.",
        samples=(WorkSample("Student 1", ("The Nile", "It left silt on the fields", "farming"), ()),),
    ),
    chart=AnchorChart(
        title="The Nile",
        lines=("flows NORTH", "floods every year", "silt = good soil", "wheat, barley, flax"),
        ink=(0.45, 0.3, 0.1),
    ),
)

CASES = (GRADE4_FRACTIONS, GRADE5_WATER_CYCLE, GRADE6_RIVERS)
