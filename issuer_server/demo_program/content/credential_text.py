"""Prose of the demo credential: competency, key method, question prompts and rubric descriptors.

Written for this demo, modelled on the usual structure of educator micro-credentials (overview questions,
artifacts, reflection; a criterion per part of the evidence; four ordered levels).
"""

from __future__ import annotations

from issuer_server.demo_program.model import prose

NAME = "Checking for Understanding Through Questioning"

COMPETENCY = prose("""
    The educator plans and asks questions that reveal what each student understands about the lesson
    objective, gathers responses from many students rather than a few volunteers, and uses what the
    responses show to adjust instruction during the lesson and to plan the next one.
""")

KEY_METHOD = prose("""
    Before the lesson, the educator writes a clear learning objective with observable success criteria and
    plans a short sequence of questions tied to it: at least one question that surfaces a likely
    misconception and at least one that asks students to explain or justify their thinking.

    During the lesson, the educator poses the questions to the whole class, gives thinking time before
    taking answers, and uses a whole-class response strategy (mini whiteboards, hand signals,
    think-pair-share, cold calling with support) so that most students answer, not only volunteers. The
    educator probes answers with follow-up questions, and when responses show a gap, re-teaches, regroups or
    changes the task before moving on.

    After the lesson, the educator sorts student work against the success criteria, names the patterns they
    see, and decides what to do next for each group of students.
""")

QUESTIONS: dict[str, str] = {
    "p1-context": prose("""
        Describe the class you taught for this submission: grade level, subject, number of students, and the
        learner needs (for example language learners, students with IEPs, recent gaps) that shaped how you
        planned your questions. (250 words maximum)
    """),
    "p1-objective": prose("""
        State the lesson's learning objective and its success criteria. List the questions you planned to
        ask, and explain how each one would show you whether students were meeting the objective, including
        any misconception you expected to surface. (300 words maximum)
    """),
    "p2-video": prose("""
        Upload an unedited video of 10 minutes or less from the lesson, showing you posing your planned
        questions, the wait time you gave, how students responded, and at least one follow-up or adjustment.
    """),
    "p2-student-work": prose("""
        Upload one to five samples of student work from the same lesson, as a single PDF. Annotate each
        sample to show what it tells you about the student's understanding against your success criteria.
    """),
    "p2-chart": prose("""
        Upload a photo of an anchor chart, board or display from the lesson that records the questions or
        the class's thinking.
    """),
    "p3-reflection": prose("""
        What did your questions reveal about your students' understanding, and how did you adjust your
        instruction in the moment? Refer to specific moments in the video (with timestamps) and to specific
        student work samples. (300 words maximum)
    """),
    "p3-next-steps": prose("""
        Based on this lesson, what will you change in how you plan or ask questions, and what are your next
        instructional steps for the students who have not yet met the objective? (200 words maximum)
    """),
}

# (short id, label, points), low to high.
LEVEL_LABELS: tuple[tuple[str, str, int], ...] = (
    ("beginning", "Beginning", 1),
    ("developing", "Developing", 2),
    ("proficient", "Proficient", 3),
    ("exemplary", "Exemplary", 4),
)

# criterion id -> (name, description, descriptors Beginning..Exemplary)
CRITERIA: dict[str, tuple[str, str, tuple[str, str, str, str]]] = {
    "planning": (
        "Planning: objective and questions",
        "Part 1. The objective, success criteria and planned questions, read against the class described.",
        (
            "The objective is missing or describes an activity rather than learning. Planned questions are "
            "not listed, or are recall questions with no link to the objective.",
            "The objective names the learning, but success criteria are vague or not observable. Some "
            "planned questions relate to the objective; none is designed to surface a misconception.",
            "The objective has observable success criteria. Planned questions align to them, include at "
            "least one that targets a named misconception, and one that asks students to explain their "
            "reasoning.",
            "Everything at Proficient, and the question sequence deliberately builds from accessible to "
            "demanding, with planned supports for the specific learner needs described in the context.",
        ),
    ),
    "questioning": (
        "Questioning in the video",
        "Part 2 video. How questions are posed and how widely students take part in answering them.",
        (
            "Questions are mostly answered by the teacher or by one or two volunteers; little or no wait "
            "time is given before an answer is accepted.",
            "Planned questions are asked and some wait time is given, but responses come from a small group "
            "of students, or follow-up questions stay at the level of right/wrong.",
            "Planned questions are posed to the whole class with clear thinking time, a response strategy "
            "gathers answers from most students, and the teacher probes at least one answer for reasoning.",
            "Everything at Proficient, and students build on or question each other's answers; probing "
            "follow-ups are used consistently to make reasoning visible.",
        ),
    ),
    "responsiveness": (
        "Acting on what questions reveal",
        "Part 2 video and display, Part 3. Whether evidence from responses changes what happens next.",
        (
            "Incorrect or partial answers are not noticed, or the lesson continues unchanged regardless of "
            "what students said.",
            "The teacher notices errors and corrects them, but by re-telling the answer rather than "
            "adjusting the instruction or the task.",
            "At least one clear in-the-moment adjustment (re-explaining with a new representation, "
            "regrouping, changing the task) follows directly from student responses, and the display records"
            " it.",
            "Adjustments are targeted to different groups of students, and the teacher checks again "
            "afterwards to confirm the adjustment worked.",
        ),
    ),
    "student_work": (
        "Analysis of student work",
        "Part 2 student work. The annotations and what they conclude about each student's understanding.",
        (
            "Samples are missing or unannotated, or annotations only mark answers right or wrong.",
            "Annotations describe what the student wrote but do not connect it to the success criteria or "
            "name the misconception.",
            "Each sample is annotated against the success criteria, misconceptions are named precisely, and "
            "the samples show a range of understanding.",
            "Everything at Proficient, and the analysis identifies patterns across samples and ties each one"
            " to a specific next instructional move.",
        ),
    ),
    "reflection": (
        "Reflection and next steps",
        "Part 3. The reflection's use of specific evidence and the quality of the planned next steps.",
        (
            "The reflection is general, describes the lesson without evaluating it, or cites no evidence.",
            "The reflection evaluates the lesson but relies on impressions; next steps are generic (e.g. "
            "'ask more questions').",
            "The reflection cites specific video moments and work samples, states what the questions "
            "revealed, and names concrete next steps for students who have not met the objective.",
            "Everything at Proficient, and the educator draws a transferable conclusion about their own "
            "questioning practice and how they will test it in a later lesson.",
        ),
    ),
}
