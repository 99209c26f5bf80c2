"""The demo's one resubmission: a grade 10 biology teacher's attempt 2, answering attempt 1's feedback."""

from __future__ import annotations

from issuer_server.demo_program.ids import Q_CONTEXT, Q_NEXT, Q_OBJECTIVE, Q_REFLECTION
from issuer_server.demo_program.model import (
    AnchorChart,
    PriorResult,
    StudentWork,
    TeacherCase,
    WorkSample,
    prose,
)

_FIRST_ATTEMPT = PriorResult(
    attempt=1,
    levels={
        "planning": "planning.proficient",
        "questioning": "questioning.developing",
        "responsiveness": "responsiveness.beginning",
        "student_work": "student_work.developing",
        "reflection": "reflection.developing",
    },
    feedback={
        "planning": prose("""
            Clear objective and a well-chosen misconception question about where plant mass comes from.
        """),
        "questioning": prose("""
            Answers came mostly from the same four students at the front table; thinking time was under two
            seconds before you took an answer. Use a whole-class response strategy.
        """),
        "responsiveness": prose("""
            When several students said the mass comes from the soil you told them the answer and continued;
            we could not see any change to the lesson that followed from responses.
        """),
        "student_work": prose("""
            Annotations say 'correct' or 'incomplete'. Name the misconception each sample shows and relate it
            to your success criteria.
        """),
        "reflection": prose("""
            Cite specific video moments and say what you will do for the students who did not meet the
            objective, not only that you will 'review'.
        """),
    },
    overall_feedback=prose("""
        Your planning is strong and the misconception you targeted is the right one. To earn the credential,
        resubmit a lesson where most students respond to the key questions, where you visibly act on what
        their answers show, and where your annotations and reflection name what each student understands.
    """),
)

GRADE10_PHOTOSYNTHESIS = TeacherCase(
    candidate_ref="T-4470",
    grade_subject="Grade 10 biology",
    clip="classroom_c",
    intended="earned",
    attempt=2,
    prior=(_FIRST_ATTEMPT,),
    responses={
        Q_CONTEXT: prose("""
            I teach grade 10 biology to 30 students; this is a different section from my first attempt,
            taught in the same unit. Seven students are English learners, three have IEPs (one with a
            scribe), and the class includes several students who rarely volunteer. After my first
            submission's feedback I paid particular attention to those quieter students: I seated them so I
            could see their whiteboards from the front, and I prepared two response strategies, mini
            whiteboards for the key questions and cold calling after partner talk. The unit is on
            photosynthesis and plant growth; the students had already done a lab in which a bean seedling
            gained mass while the soil it grew in barely changed.
        """),
        Q_OBJECTIVE: prose("""
            Objective: Students explain, with evidence, that most of a plant's added mass comes from carbon
            dioxide in the air, built into glucose during photosynthesis.

            Success criteria: use the seedling data to rule out soil as the main source of mass; name carbon
            dioxide and water as the inputs; explain that carbon atoms from the air end up in the plant's
            tissues.

            Planned questions: "The seedling gained 12 g but the soil lost 0.2 g. Where did the mass come
            from?" (boards, after 30 seconds of silent thinking - this surfaces the soil and water
            misconceptions); "If it came from water, what would we expect to see in the data?" (probing);
            "Which atoms in glucose came from the air?" (hinge question); "A tree burns; where does most of
            its mass go?" (transfer question for students who are ready).
        """),
        Q_REFLECTION: prose("""
            This time I gave a full 30 seconds of silent thinking before boards went up (1:10-1:40 in the
            video), and every student showed a board. Fourteen boards said soil or water. Instead of giving
            the answer, as I did in my first attempt, I grouped students by their answer for four minutes:
            the "soil" group re-examined the soil mass data, the "water" group weighed a wet and dried
            seedling sample, and students who said air started on the transfer question (4:20). When we
            regrouped I cold-called one student from each group (7:45); the student from the soil group
            said, "The soil only lost 0.2 grams so it can't be the 12 grams."

            I re-asked the hinge question on boards at 9:30: 25 of 30 named carbon dioxide as the source of
            the carbon. The work samples follow the same pattern. Student A explains carbon atoms from CO2
            forming glucose. Student B moved from "soil nutrients" to "CO2 and water" but thinks the water
            adds most of the mass. Student D still writes "the plant eats from the soil," so she is in my
            follow-up group.
        """),
        Q_NEXT: prose("""
            The biggest change from my first attempt is that I planned what each group would do with each
            wrong answer before the lesson, so I could act on the boards in seconds instead of explaining
            over them. I will keep doing that. For the five students who did not name carbon dioxide,
            including Student D, I will use a mass-balance card sort next lesson (inputs and outputs with
            masses) and then ask the hinge question again in writing, so I can see each student's reasoning
            rather than a one-word answer.
        """),
    },
    work=StudentWork(
        task_title="Where does a plant's mass come from? (written explanation)",
        questions=(
            "The seedling gained 12 g; the soil lost 0.2 g. Where did the mass come from?",
            "Which atoms in glucose came from the air?",
        ),
        selection_note=(
            "Three samples chosen after my first attempt's feedback to show secure, partial and not-yet "
            "understanding. Each annotation names the misconception against SC1 (rule out soil), SC2 (name "
            "the inputs) and SC3 (carbon from the air)."
        ),
        samples=(
            WorkSample(
                "Student A",
                (
                    "Mostly from CO2 in the air. The soil only lost 0.2 g so it can't be the source.",
                    "The carbon and oxygen atoms come from CO2; the hydrogen comes from water.",
                ),
                ("SC1-SC3 met.", "Traces atoms correctly - use in tomorrow's opener."),
            ),
            WorkSample(
                "Student B",
                (
                    "At first: soil nutrients. Changed: from CO2 and water, mostly water because plants "
                    "drink a lot.",
                    "carbon",
                ),
                (
                    "SC1 and SC2 met after regrouping.",
                    "Misconception: water supplies most of the dry mass (SC3 not yet).",
                ),
            ),
            WorkSample(
                "Student D",
                ("The plant eats from the soil and gets bigger.", "oxygen"),
                ("Soil-as-food misconception persists; SC1 not met.", "Next: mass-balance card sort."),
            ),
        ),
    ),
    chart=AnchorChart(
        title="Where does the mass come from?",
        lines=(
            "seedling +12 g    soil -0.2 g",
            "6 CO2 + 6 H2O -> C6H12O6 + 6 O2",
            "Carbon comes from the AIR",
            "soil? water? air? -> test it!",
        ),
        sticky_notes=("soil group", "water group", "air group"),
        ink=(0.05, 0.4, 0.15),
        as_photo=True,
    ),
)

CASES = (GRADE10_PHOTOSYNTHESIS,)
