"""Demo submissions from high-school classrooms: grades 11 and 12 (grade 10, a resubmission, is separate)."""

from __future__ import annotations

from issuer_server.demo_program.ids import Q_CONTEXT, Q_NEXT, Q_OBJECTIVE, Q_REFLECTION
from issuer_server.demo_program.model import AnchorChart, StudentWork, TeacherCase, WorkSample, prose

GRADE11_NARRATOR = TeacherCase(
    candidate_ref="T-5190",
    grade_subject="Grade 11 English",
    clip="classroom_c",
    intended="earned",
    responses={
        Q_CONTEXT: prose("""
            My grade 11 English class has 23 students, in an "open access" honours section that any student
            can choose, so the range is wide: some are strong readers who talk easily, and roughly a third
            have not taken an honours course before. Three are English learners (one recently exited from
            support) and two have IEPs for processing speed. We were reading a short story narrated by a
            character whose account the reader gradually learns not to trust. In discussion, a few confident
            voices usually set the interpretation and others copy it, so I planned independent commitment
            first: every student writes and shows an answer on a mini whiteboard before any talk, and I use
            A/B/C/D hinge options so that a wrong answer is specific enough to act on.
        """),
        Q_OBJECTIVE: prose("""
            Objective: I can identify where a narrator's account is unreliable and explain, using textual
            evidence, how the author signals it to the reader.

            Success criteria: locate a specific passage where the narrator's account conflicts with other
            evidence in the text; explain the conflict; explain the effect on the reader.

            Planned questions: (1) A hinge question with four options on why the narrator describes the
            neighbour as "always watching." Option B (the neighbour really is suspicious) is the naive
            reading and option C (the narrator's guilt is projected) is the target; A and D catch students
            who summarise without interpreting. (2) "Find one sentence where what the narrator says and what
            the narrator does don't match." (3) "Why would an author let the narrator fool us for half the
            story?" (effect). (4) For students who are ready: "Is there anything the narrator says that we
            should still believe?"
        """),
        Q_REFLECTION: prose("""
            On the hinge question (1:30 in the video), 9 of 23 boards showed B. Because I had decided in
            advance that more than a quarter choosing B meant revisiting the text before discussion, I did
            not open the debate. Instead, I put two paragraphs under the document camera and asked every
            student to underline what the narrator claims and circle what the narrator does (3:00-6:15).
            When I re-asked the hinge with new wording, 3 boards showed B. I then cold-called those three
            students, with a partner rehearsal first, to explain what they saw; one of them made the key
            point that the narrator checks the window "every hour" while calling the neighbour obsessive
            (8:40), and two classmates built on it.

            The samples show a gradient. Student A identifies the contradiction and its effect. Student B
            finds a valid passage but explains only the contradiction, not its effect. Student C, one of the
            three, moves from "the neighbour is creepy" to quoting the window passage, though the
            explanation is still thin. The pattern across samples is that effect on the reader is the
            weakest criterion.
        """),
        Q_NEXT: prose("""
            My practice takeaway is that hinge options work only when each distractor maps to a decision. I
            will write the decision rule for every hinge question before the lesson and test whether it
            holds in our next story. For students who found evidence but not effect (like Student B),
            tomorrow begins with a "so what?" protocol: one sentence of evidence, one sentence of what the
            reader now believes, one of what it costs the narrator. Student C and the other two get a guided
            re-read of the ending first.
        """),
    },
    work=StudentWork(
        task_title="The unreliable narrator: evidence and effect",
        questions=(
            "Quote a sentence where the narrator's words and actions conflict.",
            "Explain the conflict.",
            "What is the effect on the reader?",
        ),
        selection_note=(
            "Three written responses showing the range after the hinge question. Annotations in red name the "
            "success criterion met or missing; the final page sums up the pattern and my next moves."
        ),
        samples=(
            WorkSample(
                "Student A",
                (
                    '"I am not the kind of man who watches," followed by checking the window every hour.',
                    "He accuses the neighbour of exactly what he does himself.",
                    "We stop trusting him and start reading his accusations as confessions.",
                ),
                ("All three criteria met.", "Effect is precise: 'accusations as confessions'."),
            ),
            WorkSample(
                "Student B",
                (
                    "He says he sleeps well but lists every noise at night.",
                    "He says one thing and does another.",
                    "It makes the story more interesting.",
                ),
                ("Evidence valid, conflict stated.", "Effect is generic - 'so what?' protocol."),
            ),
            WorkSample(
                "Student C",
                (
                    "The neighbour is always watching. / Changed: he checks the window every hour.",
                    "Maybe he is the one watching.",
                    "(blank)",
                ),
                ("Moved off the naive reading after re-read.", "Effect missing: guided re-read first."),
            ),
            WorkSample(
                "Pattern across samples",
                (
                    "Evidence: 20 of 23 located a valid passage.",
                    "Conflict: 17 of 23 explained it.",
                    "Effect: 9 of 23 explained it - weakest criterion.",
                ),
                ("Next lesson opens on effect, not evidence.",),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Can we trust the narrator?",
        lines=(
            "SAYS vs DOES",
            '"always watching"  vs  checks window every hour',
            "A  B  C  D -> why C?",
            "Effect: accusations = confessions",
        ),
        sticky_notes=("B = 9 boards", "re-ask: B = 3"),
        ink=(0.5, 0.1, 0.3),
    ),
)

GRADE12_STATISTICS = TeacherCase(
    candidate_ref="T-9026",
    grade_subject="Grade 12 statistics",
    clip="classroom_d",
    intended="earned",
    responses={
        Q_CONTEXT: prose("""
            This is a grade 12 statistics elective with 18 students, most of whom are taking it as their
            final math course; several describe themselves as "not math people." Two students are English
            learners and one has an IEP for anxiety that allows her to pass on a cold call once per lesson.
            We had studied random sampling the previous week. Quizzes showed students could define bias but
            struggled to spot it in a realistic survey, often calling any small sample "biased." Students
            work at tables of three, and I planned turn-and-talk at tables before any whole-class answer
            because this group is much more willing to share an idea that their table has agreed on.
        """),
        Q_OBJECTIVE: prose("""
            Objective: Students identify the source of bias in a sampling method and predict its direction
            (whether the estimate will be too high or too low).

            Success criteria: name the type of bias (undercoverage, nonresponse, voluntary response,
            wording); explain which group is over- or under-represented; predict the direction of the error.

            Planned questions: "A radio station asks listeners to call in about a new curfew. Who calls?"
            (voluntary response); "Is a random sample of 50 students biased because it is small?" (the
            misconception question - it confuses variability with bias); "A survey about library hours is
            handed out in the library. Will the estimate of students wanting longer hours be too high or too
            low?" (direction, table whiteboards); "Design a fix" (for tables that finish early).
        """),
        Q_REFLECTION: prose("""
            The "small sample" question surfaced the confusion I expected. At 2:50 in the video five of six
            tables said yes, small means biased. Instead of explaining, I ran a quick simulation with the
            class data from last week: each table drew ten random samples of 5 and ten of 50 from the same
            population cards and plotted the means on the board (3:30-9:00). The table that had said "not
            biased" explained that both sets of dots centred on the true value, but the small ones were
            spread out. I recorded "small = more variable, not biased" on the chart.

            On the direction question every table correctly said too high, and four of six explained why.
            The samples show that nearly everyone named the bias type, but Student B still writes "biased
            because only 30 people," and Student C predicts the direction correctly without explaining which
            group is missing.
        """),
        Q_NEXT: prose("""
            The simulation was more convincing than any explanation I could have given, and it came from
            planning the misconception question with a ready-made activity behind it. I will plan the same
            way for the confidence interval unit. For Student B and the students like him, tomorrow's
            warm-up contrasts two surveys, one large and biased, one small and random, and asks which
            estimate they trust more and why.
        """),
    },
    work=StudentWork(
        task_title="Spot the bias: sampling methods quiz",
        questions=("The library survey: name the bias.", "Too high or too low? Explain."),
        selection_note=(
            "Three quiz responses from after the simulation. Annotations refer to the three criteria: "
            "bias type, who is over- or under-represented, direction."
        ),
        samples=(
            WorkSample(
                "Student A",
                (
                    "Undercoverage - only library users are asked.",
                    "Too high: students who never use the library are missing.",
                ),
                ("All three criteria met.",),
            ),
            WorkSample(
                "Student B",
                ("Biased because only 30 people answered.", "Too high."),
                ("Still equates small with biased.", "Direction right, no group named."),
            ),
            WorkSample(
                "Student C",
                ("Undercoverage.", "Too high because of the bias."),
                ("Type correct.", "Direction without the missing group - prompt: 'who is missing?'"),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Bias vs. Variability",
        lines=(
            "Bias = aims at the wrong target",
            "Small sample = more SPREAD, not bias",
            "Who is missing? Who is extra?",
            "Direction: too high / too low?",
        ),
        sticky_notes=("n = 5", "n = 50"),
        ink=(0.2, 0.2, 0.55),
    ),
)

CASES = (GRADE11_NARRATOR, GRADE12_STATISTICS)
