from __future__ import annotations

from django.contrib import admin

from .models import Answer, Article, Attempt, Choice, Fact, Question, Quiz


class FactInline(admin.TabularInline):
    model = Fact
    extra = 0
    fields = ["kind", "text", "sentence", "start", "end"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "published_on", "created_at"]
    list_filter = ["language"]
    search_fields = ["title", "body"]
    inlines = [FactInline]


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["prompt", "quiz", "order", "kind", "points"]
    list_filter = ["quiz", "kind"]
    search_fields = ["prompt", "explanation"]
    raw_id_fields = ["fact"]
    inlines = [ChoiceInline]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["order", "kind", "prompt", "points"]
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "published", "article", "created_at"]
    list_filter = ["published"]
    search_fields = ["title", "description"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [QuestionInline]


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["student", "quiz", "started_at", "finished_at", "score", "max_score"]
    list_filter = ["quiz"]
    list_select_related = ["student", "quiz"]
    readonly_fields = ["student", "quiz", "started_at", "finished_at", "score", "max_score"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["attempt", "question", "outcome", "points", "answered_at"]
    list_filter = ["outcome"]
    list_select_related = ["attempt__student", "attempt__quiz", "question"]
    readonly_fields = ["attempt", "question", "response", "outcome", "credit", "points"]
